import { Option, type Command } from 'commander';
import type { CliCommand } from '../cli.ts';

/**
 * `cerrojo ivr diagram` prints the unlock line as a Mermaid flowchart (for docs/ivr.md);
 * `cerrojo ivr check` runs the definition's static checks. Neither needs a database.
 */
export const ivrCommand: CliCommand = (program: Command) => {
  const ivr = program.command('ivr').description('the IVR unlock line (seed 000)');
  ivr
    .command('diagram')
    .description('print the call flow as a Mermaid flowchart, generated from its definition')
    .action(async () => {
      const [{ unlockLine }, { flowToMermaid }] = await Promise.all([import('./flow.ts'), import('./mermaid.ts')]);
      process.stdout.write(flowToMermaid(unlockLine));
    });
  ivr
    .command('check')
    .description('check the call-flow definition: targets, prompts in both languages, loops, secrets')
    .action(async () => {
      const [{ unlockLine }, { checkFlow }, { ivrMessages }] = await Promise.all([import('./flow.ts'), import('./check.ts'), import('./messages.ts')]);
      const problems = checkFlow(unlockLine, (id) => Object.hasOwn(ivrMessages, id));
      process.stdout.write(problems.length ? `${problems.join('\n')}\n` : `${unlockLine.id}@${unlockLine.version}: no problems\n`);
      if (problems.length) process.exitCode = 1;
    });
};

/**
 * `cerrojo call --from <phone> --to <number>`: the terminal phone. It calls a running server
 * (`npm start`) over signed webhooks, as Twilio would, and shows the SMS that reach `--from`.
 */
export const callCommand: CliCommand = (program: Command) => {
  program
    .command('call')
    .description('call the IVR of a running server from the terminal: hear the line, type keys, see the SMS')
    .requiredOption('--from <phone>', 'the calling phone (caller id), e.g. "+34 612 345 331"')
    .requiredOption('--to <number>', 'the number dialled, e.g. 950 183 313 (the unlock line)')
    .addOption(new Option('--lang <lang>', "the phone's language, and the call's on a line without a language menu").choices(['es', 'en']))
    .option('--url <server>', 'the server (default http://localhost:$PORT, PORT defaulting to 3000)')
    .option('--token <token>', "the server's Twilio auth token (or TWILIO_AUTH_TOKEN; the dev-mode token by default)")
    .action(async (opts: { from: string; to: string; lang?: 'es' | 'en'; url?: string; token?: string }) => {
      const { runTerminalPhone } = await import('./terminal-phone.ts');
      const hangUp = new AbortController();
      const onSignal = () => hangUp.abort();
      process.once('SIGINT', onSignal);
      try {
        process.exitCode = await runTerminalPhone({
          url: opts.url ?? `http://localhost:${process.env.PORT ?? 3000}`,
          token: opts.token ?? (process.env.TWILIO_AUTH_TOKEN || undefined),
          from: opts.from,
          to: opts.to,
          lang: opts.lang,
          input: process.stdin,
          output: process.stdout,
          signal: hangUp.signal,
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.stdin.pause(); // lets the process exit when stdin is a terminal still open
      }
    });
};
