import { Command, CommanderError } from 'commander';
import { ConfigError } from '../lib/config';
import { AppError } from '../lib/errors';
import { registerAudit } from './commands/audit';
import { registerBackup } from './commands/backup';
import { registerExport } from './commands/export';
import { registerIncident } from './commands/incident';
import { registerRestore } from './commands/restore';
import { registerRetention } from './commands/retention';
import { registerServe } from './commands/serve';
import { registerTenant } from './commands/tenant';
import { registerUser } from './commands/user';
import { CliError } from './output';

/** Commands that live beside the filter (`screen`, `rules check`), loaded by name so each file stays optional while it is built. */
function registerOptional(program: Command, modulePath: string, exportName: string): void {
  let mod: Record<string, unknown>;
  try {
    mod = require(modulePath) as Record<string, unknown>;
  } catch (err) {
    if ((err as { code?: string }).code === 'MODULE_NOT_FOUND' && String((err as Error).message).includes(modulePath.slice(2))) return;
    throw err;
  }
  (mod[exportName] as (p: Command) => void)(program);
}

export function buildProgram(): Command {
  const program = new Command('shenhe').description('审核 shenhe — content moderation pipeline').showHelpAfterError().exitOverride();
  registerServe(program);
  registerTenant(program);
  registerUser(program);
  registerAudit(program);
  registerExport(program);
  registerBackup(program);
  registerRestore(program);
  registerRetention(program);
  registerIncident(program);
  registerOptional(program, './commands/screen', 'registerScreen');
  registerOptional(program, './commands/rules', 'registerRules');
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are successes; everything else commander rejects is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof CliError) {
      process.stderr.write(`shenhe: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`shenhe: invalid configuration: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    if (err instanceof AppError) {
      process.stderr.write(`shenhe: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`shenhe: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

void main();
