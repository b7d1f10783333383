import { parseArgs } from "node:util";
import { recordAudit } from "@/lib/audit/record-audit";
import { setPassword } from "@/lib/users/set-password";
import { CliError } from "../cli-error";
import { cliConfig, generatePassword, readStdinLine, withDatabase } from "../context";

export const usage = `hearth user:reset-password EMAIL [--password-stdin]
  Sets a new password and signs the account out everywhere. Without --password-stdin
  a random password is generated and printed once.`;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { "password-stdin": { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  const email = positionals[0];
  if (!email || positionals.length > 1) throw new CliError(`Give one email.\n\n${usage}`);
  const generated = !values["password-stdin"];
  const password = generated ? generatePassword() : await readStdinLine();
  await withDatabase(cliConfig(), async () => {
    const { userId } = await setPassword({ email, password });
    await recordAudit({
      actor: null,
      action: "user.password_reset",
      target: { type: "user", id: userId, label: email.toLowerCase() },
      details: { via: "cli" },
    });
  });
  process.stdout.write(`Set a new password for ${email}; every session it had is signed out.\n`);
  if (generated) process.stdout.write(`Password (shown only now): ${password}\n`);
}
