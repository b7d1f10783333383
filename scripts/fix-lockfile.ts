/**
 * `npm run fix:lockfile`: after `npm install` on a machine whose registry
 * lacks some other platforms' optional binaries (e.g. @next/swc-darwin-arm64
 * at the exact version), npm leaves them out of package-lock.json and `npm ci`
 * then refuses the lock everywhere. This adds the missing entries, marked
 * optional with their os/cpu, so `npm ci` skips them off-platform and fetches
 * them on the platforms that need them.
 */
import fs from "node:fs";
import path from "node:path";

type Entry = Record<string, unknown> & { optionalDependencies?: Record<string, string>; dev?: boolean };
const file = path.resolve(import.meta.dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8")) as { packages: Record<string, Entry> };

const OSES = ["android", "darwin", "freebsd", "linux", "win32", "openharmony", "sunos", "aix"];
const CPUS = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];

function platformOf(name: string) {
  const base = name.split("/").pop()!;
  const os = OSES.find((o) => base.includes(`-${o}-`) || base.endsWith(`-${o}`));
  const cpu = CPUS.find((c) => new RegExp(`-${c}(-|$)`).test(base));
  const libc =
    os === "linux"
      ? base.includes("musl")
        ? "musl"
        : base.includes("gnu")
          ? "glibc"
          : undefined
      : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`;
    const nested = `${location}/node_modules/${name}`;
    if (lock.packages[at] || lock.packages[nested]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!cpu) continue; // not a platform binary: a real omission, left for npm to report
    lock.packages[at] = {
      version: spec.replace(/^[\^~=]/, ""),
      cpu: [cpu],
      ...(os ? { os: [os] } : {}),
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      ...(entry.dev ? { dev: true } : {}),
    };
    added++;
  }
}
const [rootEntry, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([rootEntry!, ...rest.sort(([a], [b]) => a.localeCompare(b))]);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: added ${added} optional platform entries\n`);
