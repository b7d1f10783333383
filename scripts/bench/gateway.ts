/**
 * `npm run bench:gateway`: the direct path (client → Ollama simulator's own
 * /v1/chat/completions) against the gateway path (client → Hearth /v1 →
 * simulator), side by side in one run, then 1,000 slow streams held for 60 s.
 * Prints a table and writes it to BENCHMARKS.md.
 *
 * Needs a production build (`npm run build`) and PostgreSQL binaries, like the tests.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  createKeyOverHttp,
  signUpOverHttp,
  startHearthServer,
  type HearthServer,
} from "../../tests/support/hearth-server";
import { createTestDatabase, startTestCluster } from "../../tests/support/pg-harness";
import { startOllamaSim } from "../../tests/support/ollama-sim";
import { machineLine, percentile, writeBenchmarkSection } from "./report";

const root = path.resolve(import.meta.dirname, "../..");
const MODEL = "llama3.2:3b";
const LEVELS = [1, 16, 64, 256];
const SOAK_STREAMS = Number(process.env.BENCH_SOAK_STREAMS ?? 1000);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);

interface StreamResult {
  ttftMs: number;
  chunks: number;
  ok: boolean;
}

/** One streamed completion, read as raw SSE: TTFT is the first content delta. */
async function streamOnce(base: string, key: string | null, text: string): Promise<StreamResult> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: "user", content: text }] }),
    });
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      return { ttftMs: NaN, chunks: 0, ok: false };
    }
    const decoder = new TextDecoder();
    let buffer = "";
    let ttft = NaN;
    let chunks = 0;
    let done = false;
    const reader = res.body.getReader();
    for (;;) {
      const { done: ended, value: part } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(part, { stream: true });
      let i = buffer.indexOf("\n\n");
      while (i !== -1) {
        const frame = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (frame.startsWith("data: ")) {
          if (frame === "data: [DONE]") done = true;
          else if (frame.includes('"content":"') && !frame.includes('"content":""')) {
            if (Number.isNaN(ttft)) ttft = performance.now() - t0;
            chunks++;
          } else if (frame.includes('"error"')) {
            await reader.cancel();
            return { ttftMs: ttft, chunks, ok: false };
          }
        }
        i = buffer.indexOf("\n\n");
      }
    }
    return { ttftMs: ttft, chunks, ok: done };
  } catch {
    return { ttftMs: NaN, chunks: 0, ok: false };
  }
}

interface LevelResult {
  ttftP50: number;
  ttftP99: number;
  chunksPerSec: number;
  errors: number;
  requests: number;
}

/** `concurrency` workers, each running streams back to back until `total` are done. */
async function runLevel(
  base: string,
  key: string | null,
  concurrency: number,
  total: number,
): Promise<LevelResult> {
  const results: StreamResult[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        results.push(await streamOnce(base, key, `benchmark request ${n}`));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const ttfts = results.filter((r) => r.ok).map((r) => r.ttftMs);
  return {
    ttftP50: percentile(ttfts, 50),
    ttftP99: percentile(ttfts, 99),
    chunksPerSec: results.reduce((a, r) => a + r.chunks, 0) / seconds,
    errors: results.filter((r) => !r.ok).length,
    requests: results.length,
  };
}

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? "";
      // The app's own memory: node processes, not the database it talks to.
      if (name.startsWith("node") || name.startsWith("next"))
        kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      /* gone */
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return kb / 1024;
}

const f1 = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(1));
const f2 = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(2));

async function main() {
  const cluster = await startTestCluster();
  const sim = await startOllamaSim();
  let hearth: HearthServer | undefined;
  try {
    const databaseUrl = await createTestDatabase(cluster.adminUrl);
    if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
      throw new Error("no production build: run `npm run build` first");
    }
    hearth = await startHearthServer({
      env: {
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "hearth-bench-")),
        DATABASE_URL: databaseUrl,
        OLLAMA_BASE_URL: sim.url,
        LOG_LEVEL: "warn",
        RATE_LIMIT_REQUESTS: "1000000000",
      },
      stdio: "inherit",
    });
    const key = await createKeyOverHttp(
      hearth.base,
      await signUpOverHttp(hearth.base, "bench@example.com"),
      "bench",
    );
    const appPid = hearth.child.pid!;

    // Warm both paths (JIT, connection pools, Next's route compilation).
    await runLevel(sim.url, null, 8, 64);
    await runLevel(hearth.base, key, 8, 64);
    const rssBefore = treeRssMb(appPid);

    const rows: string[] = [];
    for (const level of LEVELS) {
      const total = Math.max(100, level * 4);
      // Interleave: direct, gateway, direct, gateway, so drift hits both alike.
      const d1 = await runLevel(sim.url, null, level, total / 2);
      const g1 = await runLevel(hearth.base, key, level, total / 2);
      const d2 = await runLevel(sim.url, null, level, total / 2);
      const g2 = await runLevel(hearth.base, key, level, total / 2);
      const merge = (a: LevelResult, b: LevelResult): LevelResult => ({
        ttftP50: (a.ttftP50 + b.ttftP50) / 2,
        ttftP99: Math.max(a.ttftP99, b.ttftP99),
        chunksPerSec: (a.chunksPerSec + b.chunksPerSec) / 2,
        errors: a.errors + b.errors,
        requests: a.requests + b.requests,
      });
      const d = merge(d1, d2);
      const g = merge(g1, g2);
      rows.push(
        `| ${level} | ${f2(d.ttftP50)} / ${f2(d.ttftP99)} | ${f2(g.ttftP50)} / ${f2(g.ttftP99)} | ${f2(g.ttftP50 - d.ttftP50)} / ${f2(g.ttftP99 - d.ttftP99)} | ${d.chunksPerSec.toFixed(0)} | ${g.chunksPerSec.toFixed(0)} | ${((100 * g.chunksPerSec) / d.chunksPerSec).toFixed(0)}% | ${d.errors} / ${g.errors} of ${d.requests} |`,
      );
      process.stdout.write(`${rows.at(-1)}\n`);
    }
    const rssAfter = treeRssMb(appPid);

    // Soak: SOAK_STREAMS slow streams (10 tokens/s) kept open for SOAK_SECONDS.
    sim.setFaults({ tokensPerSecond: 10 });
    const soakStart = performance.now();
    let soakErrors = 0;
    let soakStreams = 0;
    let peakRss = rssAfter;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRssMb(appPid))), 2000);
    await Promise.all(
      Array.from({ length: SOAK_STREAMS }, async (_, i) => {
        // Stagger the opening over 5 s, as real clients would arrive.
        await new Promise((r) => setTimeout(r, (i / SOAK_STREAMS) * 5000));
        while (performance.now() - soakStart < SOAK_SECONDS * 1000) {
          const r = await streamOnce(hearth!.base, key, `soak ${i}`);
          soakStreams++;
          if (!r.ok) soakErrors++;
        }
      }),
    );
    clearInterval(sampler);
    const rssEnd = treeRssMb(appPid);

    const table = [
      `## Gateway (\`npm run bench:gateway\`)`,
      ``,
      `${machineLine()}; simulator, PostgreSQL, Hearth and the client share the machine.`,
      `The simulator streams its tokens as fast as it can. TTFT is the time to the first content token, in ms (p50 / p99).`,
      ``,
      `| streams | direct TTFT | gateway TTFT | added TTFT | direct chunks/s | gateway chunks/s | gateway / direct | errors (direct / gateway) |`,
      `| --- | --- | --- | --- | --- | --- | --- | --- |`,
      ...rows,
      ``,
      `App memory (RSS of the Node processes): ${f1(rssBefore)} MB after warm-up, ${f1(rssAfter)} MB after the runs above.`,
      ``,
      `Soak: ${SOAK_STREAMS} concurrent streams at 10 tokens/s held for ${SOAK_SECONDS} s: ${soakStreams} streams completed, ${soakErrors} errors; RSS peak ${f1(peakRss)} MB, ${f1(rssEnd)} MB at the end.`,
      ``,
    ].join("\n");
    process.stdout.write(`\n${table}\n`);
    writeBenchmarkSection("## Gateway (`npm run bench:gateway`)", "### Reading the gateway figures", table);
  } finally {
    await hearth?.stop();
    await sim.close();
    await cluster.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
