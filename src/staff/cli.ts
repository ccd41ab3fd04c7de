import { Option, type Command } from 'commander';
import type { CliCommand } from '../cli.ts';
import { STAFF_ROLES, type StaffRole } from '../backoffice/access.ts';

const ROLES = STAFF_ROLES;

/** The first line of standard input: a password piped in never lands in the shell history. */
async function readSecretLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * `cerrojo staff add` and `cerrojo staff unlock`: console accounts outside the demo data. The
 * password is read from standard input, never from an argument.
 */
export const staffCommand: CliCommand = (program: Command) => {
  const staff = program.command('staff').description('console staff accounts');
  const common = (c: Command) => c.addOption(new Option('-c, --config <file>', 'JSON configuration file (or CERROJO_CONFIG)')).addOption(new Option('--dev', 'dev mode: use the local data folder'));

  common(
    staff
      .command('add <username>')
      .description('create a staff account; the password (at least 12 characters) is the first line of standard input')
      .requiredOption('--name <name>', 'the person’s name')
      .addOption(new Option('--role <role>', 'the role').choices(ROLES).makeOptionMandatory())
      .option('--office <code>', 'the office of a branch user'),
  ).action(async (username: string, opts: { name: string; role: StaffRole; office?: string; config?: string; dev?: boolean }) => {
    if ((opts.role === 'branch') !== (opts.office !== undefined)) throw new Error('--office goes with --role branch, and only with it');
    const [{ configFrom }, { boot }, { createStaffAccount, staffPasswordProblem }, { normaliseUsername }] = await Promise.all([import('../cli.ts'), import('../platform/boot.ts'), import('./accounts.ts'), import('./login.ts')]);
    const password = await readSecretLine();
    const problem = staffPasswordProblem(password);
    if (problem) throw new Error(problem);
    const services = await boot(configFrom(opts));
    try {
      if (opts.office !== undefined && !(await services.db.selectFrom('offices').select('code').where('code', '=', opts.office).executeTakeFirst())) throw new Error(`no office ${opts.office}`);
      const created = await createStaffAccount(services.db, services, { username, name: opts.name, role: opts.role, officeCode: opts.office ?? null, password }, 'admin');
      const id = normaliseUsername(username);
      process.stdout.write(created ? `Staff account ${id} created.\n` : `Staff account ${id} exists already: nothing changed.\n`);
      if (!created) process.exitCode = 1;
    } finally {
      await services.database.close();
    }
  });

  common(staff.command('unlock <username>').description('lift the sign-in lock of a staff account')).action(async (username: string, opts: { config?: string; dev?: boolean }) => {
    const [{ configFrom }, { boot }, { unlockStaffAccount }] = await Promise.all([import('../cli.ts'), import('../platform/boot.ts'), import('./accounts.ts')]);
    const services = await boot(configFrom(opts));
    try {
      const done = await unlockStaffAccount(services.db, services, username);
      process.stdout.write(done ? `Staff account ${username} unlocked.\n` : `No staff account ${username}.\n`);
      if (!done) process.exitCode = 1;
    } finally {
      await services.database.close();
    }
  });
};
