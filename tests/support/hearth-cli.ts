/**
 * Runs the real `hearth` CLI (lib/cli/main.ts, as `npm run hearth` does) as a
 * child process with the environment given, and collects what it printed.
 */
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(root, "node_modules/tsx/dist/cli.mjs");

export interface CliRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export function runHearth(
  args: string[],
  options: { env: Record<string, string | undefined>; input?: Buffer | string; script?: string } = {
    env: {},
  },
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "error", ...options.env };
  for (const [k, v] of Object.entries(options.env)) if (v === undefined) delete env[k];
  const child = spawn(
    process.execPath,
    [TSX, "--conditions=react-server", options.script ?? "lib/cli/main.ts", ...args],
    { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] },
  );
  const out: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => out.push(c));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdin.on("error", () => {});
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}
