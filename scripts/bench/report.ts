import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");

/** The p-th percentile (nearest rank) of the numbers that are not NaN. */
export function percentile(values: number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One line naming the machine a run was made on: figures mean little without it. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * Replaces one benchmark's section of BENCHMARKS.md (from its `## ` heading up
 * to its notes heading, or the next section), keeping the other sections and
 * the hand-written notes that follow the figures.
 */
export function writeBenchmarkSection(heading: string, notesHeading: string, section: string) {
  const file = path.join(root, "BENCHMARKS.md");
  const existing = fs.existsSync(file)
    ? fs.readFileSync(file, "utf8")
    : "# Benchmarks\n\nFigures from this machine, written by the bench scripts. Quote ratios: the machines are shared and noisy.\n\n";
  const start = existing.indexOf(heading);
  if (start === -1) return fs.writeFileSync(file, `${existing.trimEnd()}\n\n${section}`);
  const notes = existing.indexOf(notesHeading, start);
  const nextSection = existing.indexOf("\n## ", start + 1);
  const end =
    notes !== -1 && (nextSection === -1 || notes < nextSection)
      ? notes
      : nextSection === -1
        ? existing.length
        : nextSection + 1;
  fs.writeFileSync(file, existing.slice(0, start) + section + "\n" + existing.slice(end));
}

/** The PostgreSQL server's version ("15.18"), for the line that says what a run was made on. */
export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
    ).rows[0]!.v.split(" ")[0]!;
  } finally {
    await client.end();
  }
}
