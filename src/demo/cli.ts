import { Option, type Command } from 'commander';
import type { CliCommand } from '../cli.ts';

/**
 * `cerrojo seed --demo`: loads the demo bank (docs/demo.md). Idempotent. Refused outside dev
 * mode, because the demo's passwords and PINs are published in the docs.
 */
export const seedCommand: CliCommand = (program: Command) => {
  program
    .command('seed')
    .description('load the demo offices, customers, cards and users of docs/demo.md (idempotent; dev mode only)')
    .requiredOption('--demo', 'load the demo data set')
    .addOption(new Option('-c, --config <file>', 'JSON configuration file (or CERROJO_CONFIG)'))
    .addOption(new Option('--dev', 'dev mode: use the local data folder and its generated secrets'))
    .action(async (opts: { config?: string; dev?: boolean }) => {
      const [{ configFrom }, { boot }, { loadDemoData }, { provisioningDeps }, { formatSummary }] = await Promise.all([
        import('../cli.ts'),
        import('../platform/boot.ts'),
        import('./load.ts'),
        import('../provisioning/deps.ts'),
        import('../provisioning/summary.ts'),
      ]);
      const config = configFrom(opts);
      if (!config.dev) {
        throw new Error('the demo data publishes its passwords and PINs: it loads only in dev mode (--dev or CERROJO_DEV=true)');
      }
      const services = await boot(config);
      try {
        const { summary, extrasCreated, alertsRaised, staffCreated } = await loadDemoData(services.db, provisioningDeps(services, 'system'));
        process.stdout.write(formatSummary('Demo data', summary));
        process.stdout.write(`Held operations and blocks added: ${extrasCreated}\n`);
        process.stdout.write(`Fraud alerts raised: ${alertsRaised}\n`);
        process.stdout.write(`Console users created: ${staffCreated} (docs/demo.md "Staff")\n`);
        if (summary.errors.length) process.exitCode = 1;
      } finally {
        await services.database.close();
      }
    });
};
