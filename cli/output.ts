/** Machine-readable output is one JSON document on stdout; everything else goes to stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** A usage error (exit 2). */
export function usage(message: string): CliError {
  return new CliError(message, 2);
}
