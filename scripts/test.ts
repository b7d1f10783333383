/**
 * `npm test`: format check, lint, typecheck, unit + integration tests, production build,
 * end-to-end tests in Chromium. Runs every step it can, prints each runner's
 * summary, and ends with one line counting the tests.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-test-"));

interface Step {
  name: string;
  cmd: string;
  args: string[];
  report?: string;
  needs?: string;
  /** Says why this machine cannot run the step (it is then skipped, not failed), or nothing. */
  unavailable?: () => string | undefined;
  /** Runs after the step, whatever its result. */
  after?: () => void;
}

const dockerd = path.join(root, "scripts/docker/dockerd.sh");
const dockerDir = process.env.HEARTH_DOCKER_DIR ?? "/var/tmp/hearth-docker";

/**
 * The appliance test starts its own Docker daemon (scripts/docker/dockerd.sh), which needs root,
 * room for its images and a kernel that lets it run: where any is missing it is skipped and says
 * why. `HEARTH_TEST_DOCKER=0` skips it on purpose.
 */
function dockerUnavailable(): string | undefined {
  if (process.env.HEARTH_TEST_DOCKER === "0") return "HEARTH_TEST_DOCKER=0";
  if (process.getuid?.() !== 0) return "it starts its own Docker daemon, which needs root";
  fs.mkdirSync(dockerDir, { recursive: true });
  const { bavail, bsize } = fs.statfsSync(dockerDir);
  const freeGb = (bavail * bsize) / 2 ** 30;
  // A first run builds every image (about 30 GB with the vfs driver); later ones reuse the
  // stand-ins and the build cache and add the app's image (the test prunes what it replaced).
  const cached = fs.existsSync(path.join(dockerDir, "data-root/image/vfs/repositories.json"));
  const needGb = cached ? 15 : 35;
  if (freeGb < needGb)
    return `${Math.floor(freeGb)} GB free in ${dockerDir}; its images need about ${needGb - 5}`;
  const started = spawnSync(dockerd, ["start"], {
    env: { ...process.env, HEARTH_DOCKER_DIR: dockerDir },
    encoding: "utf8",
  });
  if (started.status !== 0) {
    const why = `${started.stderr ?? ""}`.trim().split("\n").pop() ?? "";
    return `the Docker daemon could not start here (${why || `exit ${started.status}`})`;
  }
  return undefined;
}

const steps: Step[] = [
  { name: "format", cmd: bin("prettier"), args: ["--check", "--log-level=warn", "."] },
  // ESLint also holds the import boundaries (lib/ never imports UI) and Drizzle's where-clause rules.
  { name: "lint", cmd: bin("eslint"), args: [".", "--max-warnings=0"] },
  // Route types first, so a stale .next cannot fail (or pass) the typecheck.
  { name: "route types", cmd: bin("next"), args: ["typegen"] },
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit"], needs: "route types" },
  {
    name: "unit + integration",
    cmd: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
    report: `${reports}/vitest.json`,
  },
  // `npm run build`: Next's build and the compiled server (dist/server.js) the e2e servers run.
  { name: "build", cmd: "npm", args: ["run", "build"] },
  {
    name: "e2e (Chromium)",
    cmd: bin("vitest"),
    args: [
      "run",
      "-c",
      "vitest.e2e.config.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reports}/e2e.json`,
    ],
    report: `${reports}/e2e.json`,
    needs: "build",
  },
  // The real Dockerfile and docker-compose.yml in real containers (tests/docker).
  {
    name: "appliance (Docker)",
    cmd: bin("vitest"),
    args: [
      "run",
      "-c",
      "vitest.docker.config.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reports}/docker.json`,
    ],
    report: `${reports}/docker.json`,
    unavailable: dockerUnavailable,
    after: () => {
      spawnSync(dockerd, ["stop"], {
        env: { ...process.env, HEARTH_DOCKER_DIR: dockerDir },
        stdio: "inherit",
      });
    },
  },
];

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.CI ? "0" : "1" },
    });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function countsOf(report: string | undefined): Counts | undefined {
  if (!report || !fs.existsSync(report)) return undefined;
  const r = JSON.parse(fs.readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

const results: { name: string; status: string; seconds: number; counts?: Counts; note?: string }[] = [];
for (const step of steps) {
  const dependency = step.needs && results.find((r) => r.name === step.needs);
  if (dependency && dependency.status !== "ok") {
    results.push({ name: step.name, status: "skipped", seconds: 0 });
    continue;
  }
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const t0 = Date.now();
  const why = step.unavailable?.();
  if (why) {
    process.stdout.write(`skipped: ${why}\n`);
    results.push({ name: step.name, status: "skipped", seconds: 0, note: why });
    continue;
  }
  const code = await run(step);
  step.after?.();
  results.push({
    name: step.name,
    status: code === 0 ? "ok" : `FAILED (exit ${code})`,
    seconds: Math.round((Date.now() - t0) / 1000),
    counts: countsOf(step.report),
  });
}

process.stdout.write("\n=== summary ===\n");
for (const r of results) {
  const c = r.counts
    ? `  ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped`
    : "";
  process.stdout.write(
    `${r.name.padEnd(20)} ${r.status.padEnd(16)} ${String(r.seconds).padStart(4)} s${c}${r.note ? `  (${r.note})` : ""}\n`,
  );
}
const total = results.reduce(
  (acc, r) => ({
    passed: acc.passed + (r.counts?.passed ?? 0),
    failed: acc.failed + (r.counts?.failed ?? 0),
  }),
  { passed: 0, failed: 0 },
);
// A step skipped because this machine cannot run it is reported, not failed; one skipped
// because the step it needs failed is already counted there.
const stepFailures = results.filter((r) => r.status !== "ok" && r.status !== "skipped").length;
// A failed step with no test counts (lint, build, a crash) still fails the run.
process.stdout.write(
  `${total.passed} passed, ${total.failed + (total.failed === 0 ? stepFailures : 0)} failed\n`,
);
fs.rmSync(reports, { recursive: true, force: true });
process.exit(stepFailures === 0 ? 0 : 1);
