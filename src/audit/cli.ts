import { Option, type Command } from 'commander';
import type { CliCommand } from '../cli.ts';
import type { AuditVerification } from './verify.ts';

/** The report of `cerrojo audit verify`: one line per problem, each naming its row (`seq`). */
export function auditReport(result: AuditVerification): string {
  const legacy = result.legacyRows > 0 ? `, ${result.legacyRows} of them unkeyed from before the keyed chain` : '';
  const checked = result.checkpoints > 0 ? `, ${result.checkpoints} checkpoints checked` : '';
  const { unsealed } = result;
  const pending = unsealed.rows > 0 ? `, ${unsealed.rows} not sealed yet (the oldest at ${unsealed.oldestAt}, ${unsealed.oldestAgeSeconds} s ago)` : '';
  const summary = `${result.rows} rows${legacy}${checked}${pending}`;
  if (result.ok) return `Audit log intact: ${summary}\n`;
  const lines = result.problems.map((p) => `  ${p.seq === null ? `unsealed row id ${p.id}` : `row ${p.seq}`}: ${p.kind}: ${p.reason}\n`);
  return `Audit log BROKEN: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} (${summary})\n${lines.join('')}`;
}

/**
 * `cerrojo audit verify`: walks the whole audit chain and names every edited, re-hashed or
 * missing row; with `--checkpoints`, also every signed checkpoint whose row is gone or
 * different. Exit 0 when intact, 1 when broken, so a cron job or a monitor can alert on it.
 * `cerrojo audit checkpoint`: signs and publishes the chain's head now.
 * `cerrojo audit seal`: chains the rows not sealed yet now (the background sealer does it every
 * `audit.sealIntervalMs`).
 */
export const auditCommand: CliCommand = (program: Command) => {
  const audit = program.command('audit').description('audit log tools');
  const configOption = () => new Option('-c, --config <file>', 'JSON configuration file (or CERROJO_CONFIG)');
  const devOption = () => new Option('--dev', 'dev mode: use the local data folder and its generated secrets');
  audit
    .command('verify')
    .description('check the keyed hash chain of the audit log (and signed checkpoints of it) and report each edited, re-hashed or deleted row')
    .addOption(configOption())
    .addOption(devOption())
    .addOption(new Option('--checkpoints <file>', 'file of signed checkpoints (the checkpoint file, or the JSON log) to check the chain against'))
    .action(async (opts: { config?: string; dev?: boolean; checkpoints?: string }) => {
      // Loaded lazily: `cli.ts` imports this module, and the CLI should start fast for --help.
      const [{ configFrom }, { boot }, { verifyAuditChain }, { parseCheckpoints }, { readFileSync }] = await Promise.all([
        import('../cli.ts'),
        import('../platform/boot.ts'),
        import('./verify.ts'),
        import('./checkpoints.ts'),
        import('node:fs'),
      ]);
      const checkpoints = opts.checkpoints === undefined ? undefined : parseCheckpoints(readFileSync(opts.checkpoints, 'utf8'));
      if (checkpoints?.length === 0) {
        // An emptied checkpoint file must not pass as "nothing to compare".
        process.stdout.write(`No audit checkpoint in ${opts.checkpoints}\n`);
        process.exitCode = 1;
        return;
      }
      const services = await boot(configFrom(opts));
      try {
        const result = await verifyAuditChain(services.db, checkpoints ? { checkpoints } : {});
        process.stdout.write(auditReport(result));
        if (!result.ok) process.exitCode = 1;
      } finally {
        await services.database.close();
      }
    });
  audit
    .command('seal')
    .description('chain the audit rows not sealed yet now, as the background sealer does')
    .addOption(configOption())
    .addOption(devOption())
    .action(async (opts: { config?: string; dev?: boolean }) => {
      const [{ configFrom }, { boot }, { sealAudit }] = await Promise.all([import('../cli.ts'), import('../platform/boot.ts'), import('./sealer.ts')]);
      const services = await boot(configFrom(opts));
      try {
        const outcome = await sealAudit(services.db, { batchSize: services.config.audit.sealBatchSize });
        process.stdout.write(`Sealed ${outcome.sealed} audit rows.\n`);
        if (outcome.forged.length > 0) {
          process.stdout.write(`${outcome.forged.length} of them failed their own MAC (edited before sealing): run cerrojo audit verify.\n`);
          process.exitCode = 1;
        }
      } finally {
        await services.database.close();
      }
    });
  audit
    .command('checkpoint')
    .description('sign the head of the audit chain now and write it to the log, the checkpoint file and the webhook')
    .addOption(configOption())
    .addOption(devOption())
    .action(async (opts: { config?: string; dev?: boolean }) => {
      const [{ configFrom }, { boot }, { takeCheckpoint }, { requireAuditKeys }] = await Promise.all([
        import('../cli.ts'),
        import('../platform/boot.ts'),
        import('./checkpoints.ts'),
        import('./keys.ts'),
      ]);
      const services = await boot(configFrom(opts));
      try {
        const { checkpointFile, checkpointUrl } = services.config.audit;
        const log = {
          info: (obj: Record<string, unknown>) => process.stdout.write(JSON.stringify(obj.auditCheckpoint) + '\n'),
          warn: (obj: Record<string, unknown>, msg: string) => {
            process.stderr.write(`${msg}: ${String(obj.err)}\n`);
            process.exitCode = 1;
          },
        };
        const cp = await takeCheckpoint(services.db, requireAuditKeys(services.db), services.clock.now(), { file: checkpointFile, url: checkpointUrl }, log);
        if (!cp) process.stdout.write('The audit log is empty: nothing to checkpoint.\n');
      } finally {
        await services.database.close();
      }
    });
};
