/**
 * `npm run bench:gateway-profile`: where Hearth's CPU (or memory) goes when it
 * relays fast streams. Starts the simulator, a throwaway PostgreSQL and Hearth's
 * production build with scripts/bench/profiler-preload.mjs, warms up, then
 * profiles STREAMS (256) fast streams run back to back through /v1 for SECONDS
 * (10) and prints the functions with the most self time and the share of each
 * part (ours, Node's HTTP, V8's garbage collector, PostgreSQL client, ...).
 * BENCH_PROFILE_KIND=none measures the CPU per chunk only;
 * BENCH_PROFILE_KIND=alloc profiles allocations instead: bytes allocated per
 * relayed chunk, by allocation site (garbage is what the collector pays for).
 * BENCH_PROFILE_LONG=1 relays 500-token answers (the relay's cost alone);
 * BENCH_PROFILE_ANSWER_TOKENS=1 one-token answers, so that a chunk is a
 * request (the per-request cost alone).
 * The profiler costs some CPU itself: read shares, not absolute figures.
 *
 *   BENCH_PROFILE_STREAMS=256 BENCH_PROFILE_SECONDS=10 BENCH_PROFILE_LONG=1 \
 *   BENCH_PROFILE_KIND=cpu|alloc BENCH_PROFILE_NODE_ARGS=--trace-gc npm run bench:gateway-profile
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createKeyOverHttp, signUpOverHttp, startHearthServer } from "../../tests/support/hearth-server";
import { createTestDatabase, startTestCluster } from "../../tests/support/pg-harness";

const root = path.resolve(import.meta.dirname, "../..");
const STREAMS = Number(process.env.BENCH_PROFILE_STREAMS ?? 256);
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 10);
/** The planned answer's length in one-word tokens; 0: the simulator's own answers (40–60 tokens). */
const ANSWER_TOKENS = Number(
  process.env.BENCH_PROFILE_ANSWER_TOKENS ?? (process.env.BENCH_PROFILE_LONG === "1" ? 500 : 0),
);
const KIND = (["alloc", "none"] as const).find((k) => k === process.env.BENCH_PROFILE_KIND) ?? "cpu";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface AllocationNode {
  callFrame: ProfileNode["callFrame"];
  selfSize: number;
  children: AllocationNode[];
}

/** Which part of the process a function belongs to, from its script's path. */
function partOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "V8 garbage collector";
  if (name === "(program)" || name === "(idle)") return name;
  if (/\/(pg|pg-protocol|pg-pool|pg-types)\//.test(url)) return "PostgreSQL client (pg)";
  if (/\/undici\//.test(url) || url.startsWith("node:internal/deps/undici")) return "undici (upstream)";
  if (url.includes("/zod/")) return "zod";
  if (url.includes("prom-client")) return "prom-client (metrics)";
  if (url.includes("rate-limiter-flexible")) return "rate-limiter-flexible";
  if (url.includes("/next/")) return "Next.js";
  if (
    /node:internal\/(http|_http|streams|stream_base|net|timers|async_hooks)|node:(_http|http|net|stream)/.test(
      url,
    )
  )
    return "Node: http/net/streams/timers";
  if (url.startsWith("node:")) return "Node: other";
  if (url.includes("/dist/") || url.includes("/.next/")) return "Hearth (dist/, .next/)";
  if (url === "") return "native / builtins";
  return "other";
}

/** User + system CPU time of a process, in µs. */
function cpuUs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}
let chunks = 0;
let totalChunks = 0;

async function main() {
  const profDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-prof-"));
  const profFile = path.join(profDir, `hearth.${KIND === "alloc" ? "heapprofile" : "cpuprofile"}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-prof-data-"));
  const simChild = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts/bench/sim-process.ts")],
    {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const [ready] = (await once(simChild, "message")) as [{ url: string }];
  const cluster = await startTestCluster();
  const hearth = await startHearthServer({
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: await createTestDatabase(cluster.adminUrl),
      OLLAMA_BASE_URL: ready.url,
      LOG_LEVEL: "warn",
      RATE_LIMIT_REQUESTS: "1000000000",
      HEARTH_PROFILE_KIND: KIND,
      HEARTH_PROFILE_OUT: profFile,
    },
    nodeArgs: [
      "--import",
      path.join(root, "scripts/bench/profiler-preload.mjs"),
      ...(process.env.BENCH_PROFILE_NODE_ARGS ?? "").split(" ").filter(Boolean),
    ],
    stdio: "inherit",
  });
  try {
    const key = await createKeyOverHttp(hearth.base, await signUpOverHttp(hearth.base, "p@example.com"), "p");
    if (process.env.BENCH_PROFILE_TPS) {
      const ack = once(simChild, "message");
      simChild.send({ faults: { tokensPerSecond: Number(process.env.BENCH_PROFILE_TPS) } });
      await ack;
    }
    const prompt = ANSWER_TOKENS ? `benchmark, ${ANSWER_TOKENS} tokens` : "benchmark";
    if (ANSWER_TOKENS) {
      const ack = once(simChild, "message");
      simChild.send({
        plan: { prompt, reply: Array.from({ length: ANSWER_TOKENS }, (_, i) => `word${i % 97}`).join(" ") },
      });
      await ack;
    }
    const body = JSON.stringify({
      model: "llama3.2:3b",
      stream: true,
      messages: [{ role: "user", content: prompt }],
    });
    const url = new URL(hearth.base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const one = () =>
      new Promise<number>((resolve) => {
        let bytes = 0;
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            method: "POST",
            path: "/v1/chat/completions",
            agent,
            headers: {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              authorization: `Bearer ${key}`,
            },
          },
          (res) => {
            res.on("data", (b: Buffer) => {
              bytes += b.length;
              for (let i = b.indexOf('"content":"'); i !== -1; i = b.indexOf('"content":"', i + 11)) chunks++;
            });
            res.on("end", () => resolve(bytes));
            res.on("error", () => resolve(bytes));
          },
        );
        req.on("error", () => resolve(0));
        req.end(body);
      });
    const load = async (seconds: number) => {
      const deadline = performance.now() + seconds * 1000;
      let streams = 0;
      await Promise.all(
        Array.from({ length: STREAMS }, async () => {
          while (performance.now() < deadline) {
            await one();
            streams++;
          }
        }),
      );
      return streams;
    };
    // Warm-up (JIT, pools, caches), then the profiled run.
    await load(3);
    if (KIND !== "none") hearth.child.kill("SIGUSR2");
    const cpu0 = cpuUs(hearth.child.pid!);
    chunks = 0;
    const streams = await load(SECONDS);
    const cpu = cpuUs(hearth.child.pid!) - cpu0;
    if (KIND !== "none") hearth.child.kill("SIGUSR2");
    if (process.env.BENCH_PROFILE_RSS_AFTER) {
      const rss: string[] = [];
      for (let i = 0; i < Number(process.env.BENCH_PROFILE_RSS_AFTER); i++) {
        if (KIND === "none" && i % 10 === 0) hearth.child.kill("SIGUSR2");
        const status = fs.readFileSync(`/proc/${hearth.child.pid}/status`, "utf8");
        const mb = (field: string) =>
          Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
        rss.push(`${mb("VmRSS")}(${mb("RssAnon")}+${mb("RssFile")})`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      process.stdout.write(`RSS (MB, anonymous + file) each second after the load: ${rss.join(" ")}\n`);
    }
    for (let i = 0; KIND !== "none" && i < 600 && !fs.existsSync(profFile); i++)
      await new Promise((r) => setTimeout(r, 100));
    totalChunks = chunks;
    agent.destroy();
    process.stdout.write(
      `${streams} streams (${chunks} chunks) through Hearth in ${SECONDS} s; Hearth CPU ${(cpu / chunks).toFixed(1)} µs per chunk ${KIND === "none" ? "" : " (profiler included)"}\n`,
    );
  } finally {
    await hearth.stop();
    simChild.disconnect();
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  if (KIND === "none") return;
  if (!fs.existsSync(profFile)) throw new Error("Hearth wrote no profile");
  if (KIND === "alloc")
    return reportAllocations(JSON.parse(fs.readFileSync(profFile, "utf8")) as { head: AllocationNode });
  reportCpu(JSON.parse(fs.readFileSync(profFile, "utf8")) as Profile, profFile);
}

const where = (f: ProfileNode["callFrame"]) =>
  `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*node_modules\//, "").replace(root, "")}:${f.lineNumber + 1}`;

function print(
  title: string,
  rows: Map<string, number>,
  total: number,
  count: number,
  unit: (v: number) => string,
) {
  process.stdout.write(`\n${title}\n`);
  for (const [name, value] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, count))
    process.stdout.write(
      `  ${`${((100 * value) / total).toFixed(1)}%`.padStart(6)} ${unit(value).padStart(10)}  ${name}\n`,
    );
}

function reportCpu(profile: Profile, file: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byPart = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    total += us;
    byFunction.set(where(frame), (byFunction.get(where(frame)) ?? 0) + us);
    const part = partOf(frame.url, frame.functionName);
    byPart.set(part, (byPart.get(part) ?? 0) + us);
  }
  const perChunk = (us: number) => `${(us / totalChunks).toFixed(2)} µs/ch`;
  process.stdout.write(`\nbusy time sampled: ${(total / 1e6).toFixed(2)} s (${file})\n`);
  print("by part", byPart, total, 20, perChunk);
  print("top functions (self time)", byFunction, total, 45, perChunk);
}

function reportAllocations(profile: { head: AllocationNode }) {
  const bySite = new Map<string, number>();
  const byPart = new Map<string, number>();
  let total = 0;
  const visit = (node: AllocationNode, caller: string) => {
    const here = where(node.callFrame);
    if (node.selfSize) {
      total += node.selfSize;
      // The site and its caller: `Buffer.from` alone says little.
      const key = `${here}  <  ${caller}`;
      bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
      const part = partOf(node.callFrame.url, node.callFrame.functionName);
      byPart.set(part, (byPart.get(part) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child, here);
  };
  visit(profile.head, "");
  const perChunk = (bytes: number) => `${(bytes / totalChunks).toFixed(0)} B/ch`;
  process.stdout.write(
    `\nallocated: ${(total / 1e6).toFixed(0)} MB, ${(total / totalChunks).toFixed(0)} bytes per relayed chunk\n`,
  );
  print("by part", byPart, total, 20, perChunk);
  print("top allocation sites (site < caller)", bySite, total, 45, perChunk);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`profile failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
