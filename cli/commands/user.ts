import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { isRole, ROLES } from '../../lib/roles';
import { createUser, MIN_PASSWORD_LENGTH, USERNAME_PATTERN, USERNAME_RULE } from '../../domain/users';
import { printJson, usage } from '../output';
import { openStore } from '../../store/open-store';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerUser(program: Command): void {
  program
    .command('user')
    .description('staff accounts')
    .command('create')
    .description('create a user; prints {"id","username","role"}')
    .requiredOption('--username <u>', 'login name')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--password <p>', 'password (visible in the process list: prefer --password-stdin)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (opts: { username: string; role: string; password?: string; passwordStdin?: boolean }) => {
      if (!isRole(opts.role)) throw usage(`--role: must be one of ${ROLES.join(', ')}`);
      if (!USERNAME_PATTERN.test(opts.username)) throw usage(`--username: ${USERNAME_RULE}`);
      if (!!opts.password === !!opts.passwordStdin) throw usage('give exactly one of --password or --password-stdin');
      const password = opts.passwordStdin ? await readStdin() : (opts.password as string);
      if (password.length < MIN_PASSWORD_LENGTH) throw usage(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
      const config = loadConfig();
      // Like `tenant create`, setting up staff may be the first thing done to a data dir: it may create the store.
      const store = await openStore(config);
      try {
        const user = await createUser(
          store,
          { username: opts.username, role: opts.role, password },
          { type: 'cli', id: null, name: process.env.USER ?? 'cli', ip: null },
        );
        printJson({ id: user.id, username: user.username, role: user.role });
      } finally {
        await store.close();
      }
    });
}
