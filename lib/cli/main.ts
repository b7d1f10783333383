/**
 * `hearth`, the operator's command line: `npm run hearth -- <command>` in a
 * checkout, `hearth <command>` in the image (node dist/cli.js). It reads the
 * same settings as the server (the environment, DATA_DIR/secrets.json) and
 * talks to the same database. Results go to stdout, notes and errors to
 * stderr; the exit code is 0 only when the command did what it said.
 */
import { BackupError } from "@/lib/backup/backup-error";
import { ConfigError } from "@/lib/config/load";
import { MigrationError } from "@/lib/db/migrate";
import { isAppError } from "@/lib/errors";
import { CliError } from "./cli-error";
import * as backup from "./commands/backup";
import * as doctor from "./commands/doctor";
import * as migrate from "./commands/migrate";
import * as restore from "./commands/restore";
import * as userCreate from "./commands/user-create";
import * as userPromote from "./commands/user-promote";
import * as userResetPassword from "./commands/user-reset-password";

interface Command {
  usage: string;
  run: (args: string[]) => Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  "user:create": userCreate,
  "user:promote": userPromote,
  "user:reset-password": userResetPassword,
  migrate,
  backup,
  restore,
  doctor,
};

const HELP = `Usage: hearth <command> [options]

${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join("\n\n")}
`;

/** A message for a person: ours as written, anything unexpected without its stack. */
function describe(err: unknown): string {
  if (err instanceof CliError || err instanceof BackupError || err instanceof ConfigError) return err.message;
  if (err instanceof MigrationError || isAppError(err)) return err.message;
  // parseArgs's own errors (an unknown option, a missing value) say what was wrong.
  const code = (err as { code?: string }).code;
  if (code?.startsWith("ERR_PARSE_ARGS")) return `${(err as Error).message}. See \`hearth help\`.`;
  return `Unexpected error: ${err instanceof Error ? err.message : String(err)}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${HELP}`);
    return 1;
  }
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    await command.run(args);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    process.stderr.write(`${describe(err)}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

// The app's JSON logs would mix into a backup written to stdout: only errors, unless asked for.
process.env.LOG_LEVEL ||= "error";
const code = await main(process.argv.slice(2));
// Wait for stdout to drain (a backup piped to a slow reader), then exit even if a pool lingers.
process.stdout.write("", () => process.exit(code));
