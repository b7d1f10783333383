// `npm start`: builds when the app or the server entry has not been built yet,
// then runs the compiled server (dist/server.js) in this same Node process.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const built = ["dist/server.js", ".next/BUILD_ID"].every((f) => fs.existsSync(path.join(root, f)));
if (!built) {
  process.stdout.write(
    `${JSON.stringify({ level: "info", time: new Date().toISOString(), app: "hearth", msg: "no production build yet: building (a minute or two, once)" })}\n`,
  );
  const npm = process.env.npm_execpath;
  const r = npm
    ? spawnSync(process.execPath, [npm, "run", "build"], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      })
    : spawnSync("npm", ["run", "build"], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import("../dist/server.js");
