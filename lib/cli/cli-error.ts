/** A failure the CLI explains in one message and an exit code, without a stack trace. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Notes for the person at the terminal go to stderr: stdout may be a backup or a password. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}
