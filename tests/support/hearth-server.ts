/**
 * Starts Hearth's production build the way a user does (`npm start`: plain
 * Node running the compiled server, one process), for e2e tests and
 * benchmarks, and signs a first user up over HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./pg-harness";

const root = path.resolve(import.meta.dirname, "../..");

export interface HearthServer {
  base: string;
  child: ChildProcess;
  /** SIGTERM to the app (which stops its embedded database, if any); SIGKILL to the group after 10 s. */
  stop: () => Promise<void>;
}

export async function startHearthServer(options: {
  env: Record<string, string | undefined>;
  stdio?: "ignore" | "inherit" | ["ignore", number, number];
  port?: number;
  timeoutMs?: number;
  /** Options for Node itself (`--cpu-prof`, say), before the script. */
  nodeArgs?: string[];
}): Promise<HearthServer> {
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    ...options.env,
  };
  for (const [k, v] of Object.entries(options.env)) if (v === undefined) delete env[k];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "scripts/start.mjs"], {
    cwd: root,
    env,
    stdio: options.stdio ?? "ignore",
    // Its own process group, so a failed test can end the app and its children together.
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Hearth exited with code ${child.exitCode} before it was healthy`);
    const healthy = await fetch(`${base}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) return { base, child, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  killGroup(child, "SIGKILL");
  throw new Error("Hearth did not become healthy in time");
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Signs a user up and returns the session cookie header. */
export async function signUpOverHttp(base: string, email: string, password = "a long enough passphrase") {
  const res = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password, name: email.split("@")[0] }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Creates an API key with a session cookie, as the settings page does. */
export async function createKeyOverHttp(base: string, cookie: string, name: string): Promise<string> {
  const res = await fetch(`${base}/api/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status}`);
  return ((await res.json()) as { key: string }).key;
}
