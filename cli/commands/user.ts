import type { Command } from 'commander';
import { hashPassword } from '../../api/auth/passwords';
import { loadConfig } from '../../lib/config';
import { newId, nowIso } from '../../lib/ids';
import { ROLES, type Role } from '../../store/rows';
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
      if (!ROLES.includes(opts.role as Role)) throw usage(`--role: must be one of ${ROLES.join(', ')}`);
      if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(opts.username)) throw usage('--username: 2–64 characters of letters, digits, _ . @ -');
      if (!!opts.password === !!opts.passwordStdin) throw usage('give exactly one of --password or --password-stdin');
      const password = opts.passwordStdin ? await readStdin() : (opts.password as string);
      if (password.length < 8) throw usage('password: at least 8 characters');
      const config = loadConfig();
      // Like `tenant create`, setting up staff may be the first thing done to a data dir: it may create the store.
      const store = await openStore(config);
      try {
        const user = await store.createUser(
          { id: newId('us'), username: opts.username, role: opts.role as Role, disabled: false, settings: {}, createdAt: nowIso() },
          await hashPassword(password),
          { type: 'cli', id: null, name: process.env.USER ?? 'cli', ip: null },
        );
        printJson({ id: user.id, username: user.username, role: user.role });
      } finally {
        await store.close();
      }
    });
}
