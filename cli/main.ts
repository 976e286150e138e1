import { Command, CommanderError } from 'commander';
import { CliError } from './output';

type Register = (program: Command) => void;

/**
 * Every command, with the one-line summary `shenhe --help` lists and the module that defines it. Only the module of
 * the command being run is loaded (`require` on demand): `--help` and `screen` must not pay for express, bullmq,
 * tfjs, sharp or tesseract, which only the server and workers use.
 */
const COMMANDS: Array<{ names: string[]; summary: string[]; load: () => Register }> = [
  {
    names: ['start', 'api', 'worker'],
    summary: ['HTTP server and all workers in one process', 'the HTTP server alone', 'workers alone'],
    load: () => require('./commands/serve').registerServe,
  },
  { names: ['migrate'], summary: ['create the store or apply its pending migrations, then exit'], load: () => require('./commands/migrate').registerMigrate },
  { names: ['tenant'], summary: ['customer sites'], load: () => require('./commands/tenant').registerTenant },
  { names: ['user'], summary: ['staff accounts'], load: () => require('./commands/user').registerUser },
  { names: ['audit'], summary: ['the tamper-evident audit log'], load: () => require('../compliance/cli/audit').registerAudit },
  { names: ['export'], summary: ['clause 16: content records as JSON Lines'], load: () => require('../compliance/cli/export').registerExport },
  { names: ['backup'], summary: ['consistent online backup of the store'], load: () => require('../compliance/cli/backup').registerBackup },
  { names: ['restore'], summary: ['replace the store with a backup'], load: () => require('../compliance/cli/restore').registerRestore },
  { names: ['retention'], summary: ['clause 16 retention of content records'], load: () => require('../compliance/cli/retention').registerRetention },
  { names: ['incident'], summary: ['clause 17: security incidents'], load: () => require('../compliance/cli/incident').registerIncident },
  { names: ['screen'], summary: ['the automatic filter alone: JSON Lines in, verdicts out'], load: () => require('./commands/screen').registerScreen },
  { names: ['rules'], summary: ['rule packs: check, backtest'], load: () => require('./commands/rules').registerRules },
];

/** The program for `argv`: the named command in full, the others as one-line entries for the command list. */
export function buildProgram(argv: string[] = process.argv.slice(2)): Command {
  const program = new Command('shenhe').description('审核 shenhe — content moderation pipeline').showHelpAfterError().exitOverride();
  const invoked = argv.find((a) => !a.startsWith('-'));
  for (const entry of COMMANDS) {
    if (invoked && entry.names.includes(invoked)) entry.load()(program);
    else entry.names.forEach((name, i) => program.command(name).description(entry.summary[i]).allowUnknownOption().helpOption(false));
  }
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
    // Loaded here, not at the top: lib/config pulls in zod, which --help does not need.
    const { ConfigError } = require('../lib/config') as typeof import('../lib/config');
    const { AppError } = require('../lib/errors') as typeof import('../lib/errors');
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
