import type { Command } from 'commander';
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
