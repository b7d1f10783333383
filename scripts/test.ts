/**
 * `npm test`: format check, lint, typecheck, unit + integration tests, production build,
 * end-to-end tests in Chromium. Runs every step it can, prints each runner's
 * summary, and ends with one line counting the tests.
 */
import { spawn } from "node:child_process";
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

const results: { name: string; status: string; seconds: number; counts?: Counts }[] = [];
for (const step of steps) {
  const dependency = step.needs && results.find((r) => r.name === step.needs);
  if (dependency && dependency.status !== "ok") {
    results.push({ name: step.name, status: "skipped", seconds: 0 });
    continue;
  }
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const t0 = Date.now();
  const code = await run(step);
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
    `${r.name.padEnd(20)} ${r.status.padEnd(16)} ${String(r.seconds).padStart(4)} s${c}\n`,
  );
}
const total = results.reduce(
  (acc, r) => ({
    passed: acc.passed + (r.counts?.passed ?? 0),
    failed: acc.failed + (r.counts?.failed ?? 0),
  }),
  { passed: 0, failed: 0 },
);
const stepFailures = results.filter((r) => r.status !== "ok").length;
// A failed step with no test counts (lint, build, a crash) still fails the run.
process.stdout.write(
  `${total.passed} passed, ${total.failed + (total.failed === 0 ? stepFailures : 0)} failed\n`,
);
fs.rmSync(reports, { recursive: true, force: true });
process.exit(stepFailures === 0 ? 0 : 1);
