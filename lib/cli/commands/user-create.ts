import { parseArgs } from "node:util";
import { recordAudit } from "@/lib/audit/record-audit";
import { createUser, createUserInput } from "@/lib/users/create-user";
import { CliError } from "../cli-error";
import { cliConfig, generatePassword, readStdinLine, withDatabase } from "../context";

export const usage = `hearth user:create --email EMAIL [--name NAME] [--admin] [--password-stdin]
  Makes an account that can sign in at once, whatever the sign-up policy. Without
  --password-stdin a random password is generated and printed once.`;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean", default: false },
      "password-stdin": { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!values.email) throw new CliError(`--email is required.\n\n${usage}`);
  const generated = !values["password-stdin"];
  const password = generated ? generatePassword() : await readStdinLine();
  const parsed = createUserInput.safeParse({
    email: values.email,
    name: values.name ?? values.email.split("@")[0],
    role: values.admin ? "ADMIN" : "USER",
    password,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`--${String(issue.path[0] ?? "input")}: ${issue.message}.`);
  }
  const config = cliConfig();
  const user = await withDatabase(config, async () => {
    const created = await createUser(parsed.data);
    // No actor: the audit log shows it was done on the server's command line.
    await recordAudit({
      actor: null,
      action: "user.create",
      target: { type: "user", id: created.id, label: created.email },
      details: { role: created.role, name: created.name, via: "cli" },
    });
    return created;
  });
  process.stdout.write(
    `Created ${user.role === "ADMIN" ? "administrator" : "account"} ${user.email} (${user.id}).\n`,
  );
  if (generated) process.stdout.write(`Password (shown only now): ${password}\n`);
}
