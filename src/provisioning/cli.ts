import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../cli.ts';
import { CSV_COLUMNS } from './parse.ts';

/**
 * `cerrojo import <file>`: the batch way for the bank's core system to provision offices,
 * managers and customers. Prints the summary and every error; exit 1 if any record failed.
 */
export const importCommand: CliCommand = (program: Command) => {
  program
    .command('import')
    .description('import offices, managers and customers from a JSON or CSV file (idempotent)')
    .argument('<file>', 'a .json file ({ offices, managers, customers } or an array of customers) or a .csv file (one customer per row)')
    .addOption(new Option('-c, --config <file>', 'JSON configuration file (or CERROJO_CONFIG)'))
    .addOption(new Option('--dev', 'dev mode: use the local data folder and its generated secrets'))
    .addHelpText('after', `\nCSV columns (header row required, "," or ";" separated, empty cell = absent):\n  ${CSV_COLUMNS.join(', ')}\nSee docs/demo.md, "Provisioning files".`)
    .action(async (file: string, opts: { config?: string; dev?: boolean }) => {
      const [{ configFrom }, { boot }, { importRecords }, { parseImportCsv, parseImportJson }, { provisioningDeps }, { formatSummary }] = await Promise.all([
        import('../cli.ts'),
        import('../platform/boot.ts'),
        import('./import.ts'),
        import('./parse.ts'),
        import('./deps.ts'),
        import('./summary.ts'),
      ]);
      const ext = extname(file).toLowerCase();
      if (ext !== '.json' && ext !== '.csv') throw new Error(`${file}: expected a .json or .csv file`);
      const text = await readFile(file, 'utf8');
      const input = ext === '.csv' ? parseImportCsv(text) : parseImportJson(text);
      const services = await boot(configFrom(opts));
      try {
        const summary = await importRecords(services.db, provisioningDeps(services, 'cli'), input);
        process.stdout.write(formatSummary(file, summary));
        if (summary.errors.length) process.exitCode = 1;
      } finally {
        await services.database.close();
      }
    });
};
