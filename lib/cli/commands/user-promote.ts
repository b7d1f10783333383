import { parseArgs } from "node:util";
import { recordAudit } from "@/lib/audit/record-audit";
import { promoteUser } from "@/lib/users/promote-user";
import { CliError, note } from "../cli-error";
import { cliConfig, withDatabase } from "../context";

export const usage = `hearth user:promote EMAIL
  Makes the account an administrator (and approves it if it was waiting).`;

export async function run(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  const email = positionals[0];
  if (!email || positionals.length > 1) throw new CliError(`Give one email.\n\n${usage}`);
  const result = await withDatabase(cliConfig(), async () => {
    const promoted = await promoteUser(email);
    if (!promoted.wasAdmin)
      await recordAudit({
        actor: null,
        action: "user.role.change",
        target: { type: "user", id: promoted.userId, label: email.toLowerCase() },
        details: { before: "USER", after: "ADMIN", via: "cli" },
      });
    return promoted;
  });
  process.stdout.write(
    result.wasAdmin ? `${email} was already an administrator.\n` : `${email} is now an administrator.\n`,
  );
  if (result.disabled) note(`Note: ${email} is disabled; enable it in Admin → Users before it can sign in.`);
}
