import { Option, type Command } from 'commander';
import type { CliCommand } from '../cli.ts';

/**
 * `cerrojo audit verify`: walks the whole audit chain and names the first edited or missing
 * row. Exit 0 when intact, 1 when broken, so a cron job or a monitor can alert on it.
 */
export const auditCommand: CliCommand = (program: Command) => {
  const audit = program.command('audit').description('audit log tools');
  audit
    .command('verify')
    .description('check the hash chain of the audit log and report the first edited or deleted row')
    .addOption(new Option('-c, --config <file>', 'JSON configuration file (or CERROJO_CONFIG)'))
    .addOption(new Option('--dev', 'dev mode: use the local data folder and its generated secrets'))
    .action(async (opts: { config?: string; dev?: boolean }) => {
      // Loaded lazily: `cli.ts` imports this module, and the CLI should start fast for --help.
      const [{ configFrom }, { boot }, { verifyAuditChain }] = await Promise.all([
        import('../cli.ts'),
        import('../platform/boot.ts'),
        import('./verify.ts'),
      ]);
      const services = await boot(configFrom(opts));
      try {
        const result = await verifyAuditChain(services.db);
        if (result.ok) {
          process.stdout.write(`Audit log intact: ${result.rows} rows\n`);
        } else {
          process.stdout.write(
            `Audit log BROKEN at row ${result.firstBrokenId}: ${result.reason} (${result.rows} rows intact before it)\n`,
          );
          process.exitCode = 1;
        }
      } finally {
        await services.database.close();
      }
    });
};
