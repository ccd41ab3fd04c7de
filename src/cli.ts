import './messages.ts';
import { Command, Option } from 'commander';
import { loadConfig, ConfigError, type Config } from './config/config.ts';
import { auditCommand } from './audit/cli.ts';
import { importCommand } from './provisioning/cli.ts';
import { seedCommand } from './demo/cli.ts';
import { callCommand, ivrCommand } from './ivr/cli.ts';
import { staffCommand } from './staff/cli.ts';

/** Configuration from the environment, the optional file and the command's own options. */
export function configFrom(opts: { config?: string; dev?: boolean; port?: string; workers?: string }): Config {
  const overrides: Record<string, unknown> = {};
  if (opts.dev) overrides.dev = true;
  if (opts.port !== undefined) overrides.port = opts.port;
  if (opts.workers !== undefined) overrides.workers = opts.workers;
  return loadConfig(process.env, overrides, opts.config ?? process.env.CERROJO_CONFIG);
}

const configOption = () => new Option('-c, --config <file>', 'JSON configuration file (or CERROJO_CONFIG)');
const devOption = () => new Option('--dev', 'dev mode: dev message sink, generated secrets, demo data');

/** The `cerrojo` command line. */
export function buildCli(): Command {
  const program = new Command('cerrojo')
    .description('Cerrojo: credential self-service and fraud-alert operations for a retail bank')
    .showHelpAfterError()
    .exitOverride((err) => {
      if (err.exitCode !== 0) process.exitCode = err.exitCode;
      throw err;
    });

  program
    .command('serve')
    .description('start the HTTP server and the background workers (applies migrations first)')
    .addOption(configOption())
    .addOption(devOption())
    .option('-p, --port <port>', 'port to listen on (or PORT; default 3000)')
    .option('-w, --workers <n>', 'HTTP processes on the port (or CERROJO_WORKERS; default: one per core on PostgreSQL, 1 on PGlite)')
    .action(async (opts) => {
      const config = configFrom(opts);
      const { serve } = await import('./cluster.ts');
      await serve(config);
    });

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .addOption(configOption())
    .addOption(devOption())
    .action(async (opts) => {
      const { openDatabase, migrate } = await import('./platform/db/database.ts');
      const config = configFrom(opts);
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrate(database.db);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
      } finally {
        await database.close();
      }
    });

  for (const add of cliCommands) add(program);
  return program;
}

/** Commands contributed by modules (seed, import, audit ...). */
export type CliCommand = (program: Command) => void;
export const cliCommands: CliCommand[] = [auditCommand, importCommand, seedCommand, ivrCommand, callCommand, staffCommand];

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    } else if ((err as { code?: string }).code?.startsWith('commander.')) {
      // commander has already printed the help or the error.
    } else {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  }
}
