/**
 * `npm run bench:gateway`: three columns in front of the same Ollama simulator,
 * measured side by side in one run:
 *   direct:  the simulator's own /v1/chat/completions,
 *   Hearth:  Hearth's /v1 (a real API key: auth and rate limit included),
 *   Portkey: the Portkey gateway (`@portkey-ai/gateway`, no auth, no database).
 * Measures the time to first token added while 16 streams of 50 tokens/s run,
 * per-chunk jitter, CPU per relayed chunk and chunk rate at saturation, a burst
 * of 16 new connections, Hearth's memory (idle, 1,000-stream soak, a minute
 * after) and its boot time on an existing embedded database. Prints a table and
 * writes it, with a verdict per target, to BENCHMARKS.md.
 *
 * The simulator and Portkey run in processes of their own and the load client in
 * this one, so each process's CPU time is read apart from /proc. Hearth's
 * processes are found by walking the process tree from the pid startHearthServer
 * gives, whatever shape the server has.
 *
 * Needs Linux (/proc), a production build (`npm run build`) and PostgreSQL
 * binaries, like the tests. BENCH_QUICK=1: fewer and shorter runs (about 5 minutes).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import {
  createKeyOverHttp,
  signUpOverHttp,
  startHearthServer,
  type HearthServer,
} from "../../tests/support/hearth-server";
import {
  createTestDatabase,
  freePort,
  startTestCluster,
  type TestCluster,
} from "../../tests/support/pg-harness";
import type { Faults } from "../../tests/support/ollama-sim/index";
import { machineLine, percentile, writeBenchmarkSection } from "./report";

const root = path.resolve(import.meta.dirname, "../..");
const MODEL = "llama3.2:3b";
const QUICK = process.env.BENCH_QUICK === "1";
const PLAN = QUICK
  ? {
      bootRuns: 3,
      staggerRounds: 3,
      staggerSeconds: 8,
      burstRounds: 5,
      saturationRounds: 3,
      saturationSeconds: 3,
      soakSeconds: 20,
    }
  : {
      bootRuns: 5,
      staggerRounds: 5,
      staggerSeconds: 20,
      burstRounds: 10,
      saturationRounds: 3,
      saturationSeconds: 10,
      soakSeconds: 60,
    };
const SLOW_TOKENS_PER_SECOND = 50;
const SOAK_STREAMS = 1000;
const SOAK_TOKENS_PER_SECOND = 10;
const AFTER_SOAK_SECONDS = 60;
/** Saturation runs: the simulator's own answers at 16 and 256 streams, and long answers at 256 (relay cost without the per-request cost). */
const SATURATION_LEVELS = [
  { label: "16", streams: 16, long: false },
  { label: "256", streams: 256, long: false },
  { label: "256, long answers", streams: 256, long: true },
] as const;
/** The long answer: this many one-word tokens (the simulator's own answers are 40–60). */
const LONG_ANSWER_TOKENS = 500;

// ---------------------------------------------------------------- processes (Linux /proc)

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcInfo {
  name: string;
  ppid: number;
  cpuTicks: number;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
      ppid: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return undefined; // gone
  }
}

/**
 * A process and its descendants, except PostgreSQL's (the embedded database is
 * the app's child, but its memory and CPU are the database's, not the gateway's).
 */
function processTree(rootPid: number, withDatabase = false): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProc(Number(entry));
    if (info) children.set(info.ppid, [...(children.get(info.ppid) ?? []), Number(entry)]);
  }
  const pids: number[] = [];
  const visit = (pid: number) => {
    const name = readProc(pid)?.name ?? "";
    if (!withDatabase && /^(postgres|initdb|pg_ctl)/.test(name)) return;
    pids.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return pids;
}

/** User + system CPU time of a process tree, in µs (processes that already exited are not counted). */
function treeCpuUs(rootPid: number): number {
  let ticks = 0;
  for (const pid of processTree(rootPid)) ticks += readProc(pid)?.cpuTicks ?? 0;
  return (ticks * 1e6) / CLOCK_TICKS;
}

/** Resident memory of a process tree (PostgreSQL excluded), in MB. */
function treeRssMb(rootPid: number): number {
  let kb = 0;
  for (const pid of processTree(rootPid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}

/** Everything this benchmark started, so that every exit path can end it. */
const started = new Set<number>();
function killTrees() {
  for (const rootPid of started) {
    for (const pid of processTree(rootPid, true).reverse()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  }
  started.clear();
}
let cluster: TestCluster | undefined;
process.on("exit", killTrees);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    killTrees();
    void Promise.race([cluster?.stop(), sleep(5_000)]).finally(() => process.exit(130));
  });

function exited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess) {
  if (!exited(child)) {
    const gone = once(child, "exit");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await gone;
    clearTimeout(timer);
  }
  started.delete(child.pid!);
}

// ---------------------------------------------------------------- the simulator and Portkey

interface SimProcess {
  url: string;
  pid: number;
  setFaults(faults: Partial<Faults>): Promise<void>;
  planReply(prompt: string, reply: string): Promise<void>;
  stop(): Promise<void>;
}

async function startSimProcess(): Promise<SimProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts/bench/sim-process.ts")],
    {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  started.add(child.pid!);
  const [ready] = (await once(child, "message")) as [{ url: string }];
  return {
    url: ready.url,
    pid: child.pid!,
    async setFaults(faults) {
      const ack = once(child, "message");
      child.send({ faults });
      await ack;
    },
    async planReply(prompt, reply) {
      const ack = once(child, "message");
      child.send({ plan: { prompt, reply } });
      await ack;
    },
    stop: () => stopChild(child),
  };
}

interface PortkeyProcess {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

async function startPortkey(): Promise<PortkeyProcess> {
  const entry = path.join(root, "node_modules/@portkey-ai/gateway/build/start-server.js");
  if (!fs.existsSync(entry))
    throw new Error("Portkey is not installed: run `npm install` (it is a devDependency)");
  const port = await freePort();
  const child = spawn(process.execPath, [entry, `--port=${port}`, "--headless"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  started.add(child.pid!);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (exited(child)) throw new Error(`Portkey exited with code ${child.exitCode}`);
    if (
      await fetch(base).then(
        () => true,
        () => false,
      )
    )
      return { base, pid: child.pid!, stop: () => stopChild(child) };
    await sleep(100);
  }
  throw new Error("Portkey did not start listening in 30 s");
}

// ---------------------------------------------------------------- the load client

interface Target {
  name: "direct" | "Hearth" | "Portkey";
  host: string;
  port: number;
  headers: Record<string, string>;
}

function target(name: Target["name"], base: string, headers: Record<string, string> = {}): Target {
  const url = new URL(base);
  return { name, host: url.hostname, port: Number(url.port), headers };
}

interface StreamResult {
  ok: boolean;
  ttftMs: number;
  chunks: number;
  /** Time between consecutive content chunks, in ms (0 for chunks that came in the same read). */
  gapsMs: number[] | undefined;
  /** Sent on a kept-alive connection rather than a new one. */
  reused: boolean;
}

/** Content chunks in the simulator's answer to BODY (it answers each prompt the same way). */
let ANSWER_CHUNKS = 0;
const request = (prompt: string) =>
  JSON.stringify({ model: MODEL, stream: true, messages: [{ role: "user", content: prompt }] });
const BODY = request("benchmark");
const LONG_PROMPT = "benchmark, a long answer";
const LONG_BODY = request(LONG_PROMPT);
const LONG_ANSWER = Array.from({ length: LONG_ANSWER_TOKENS }, (_, i) => `word${i % 97}`).join(" ");

/** Content chunks (non-empty `delta.content`) in complete SSE frames. */
function countContent(frames: string): number {
  let n = 0;
  for (let i = frames.indexOf('"content":"'); i !== -1; i = frames.indexOf('"content":"', i + 11))
    if (frames.charCodeAt(i + 11) !== 34) n++;
  return n;
}

/**
 * One streamed completion over node:http, read as raw SSE. `agent` false opens a
 * fresh connection; a keep-alive agent reuses one. TTFT is the first content chunk.
 */
function streamOnce(
  to: Target,
  agent: http.Agent | false,
  recordGaps: boolean,
  body = BODY,
): Promise<StreamResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let ttft = NaN;
    let last = 0;
    let chunks = 0;
    let done = false;
    let failed = false;
    let tail = "";
    const gapsMs = recordGaps ? ([] as number[]) : undefined;
    const fail = () => resolve({ ok: false, ttftMs: ttft, chunks, gapsMs, reused: req.reusedSocket });
    const req = http.request(
      {
        host: to.host,
        port: to.port,
        method: "POST",
        path: "/v1/chat/completions",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...to.headers,
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          res.on("end", fail).on("error", fail);
          return;
        }
        res.setEncoding("utf8");
        res.on("data", (text: string) => {
          const now = performance.now();
          const buffer = tail + text;
          const end = buffer.lastIndexOf("\n\n");
          if (end === -1) {
            tail = buffer;
            return;
          }
          tail = buffer.slice(end + 2);
          const frames = buffer.slice(0, end);
          const n = countContent(frames);
          if (n > 0) {
            if (Number.isNaN(ttft)) ttft = now - t0;
            else gapsMs?.push(now - last);
            for (let i = 1; i < n; i++) gapsMs?.push(0);
            last = now;
            chunks += n;
          }
          if (frames.includes("data: [DONE]")) done = true;
          if (frames.includes('data: {"error"')) failed = true;
        });
        res.on("end", () =>
          resolve({ ok: done && !failed, ttftMs: ttft, chunks, gapsMs, reused: req.reusedSocket }),
        );
        res.on("error", fail);
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The middle value, or the mean of the two middle values. */
function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Starting at i for round i, so that each column runs first, second and last in turn. */
function rotated<T>(items: readonly T[], round: number): T[] {
  return items.map((_, i) => items[(i + round) % items.length]!);
}

interface StaggeredResult {
  ttftP50: number;
  ttftP99: number;
  /** p99 of |gap − 1/rate|: how far chunks arrive from the simulator's own pace. */
  jitterP99: number;
  /** CPU of the gateway's processes per chunk relayed at this pace (NaN for direct). */
  gatewayUsPerChunk: number;
  streams: number;
  /** Streams sent on a kept-alive connection. */
  reused: number;
  errors: number;
}

/**
 * `streams` workers on one keep-alive agent, started a fraction of a stream
 * apart so that every new request arrives while the others stream; each runs
 * streams back to back for `seconds`. A worker's first stream (which opens its
 * connection) is not counted.
 */
async function staggered(
  to: Target,
  streams: number,
  seconds: number,
  gatewayPid: number | undefined,
): Promise<StaggeredResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const streamMs = (ANSWER_CHUNKS * 1000) / SLOW_TOKENS_PER_SECOND;
  const deadline = performance.now() + seconds * 1000;
  const results: StreamResult[] = [];
  let allChunks = 0;
  const cpu0 = gatewayPid ? treeCpuUs(gatewayPid) : NaN;
  await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      await sleep((i * streamMs) / streams);
      for (let first = true; performance.now() < deadline; first = false) {
        const result = await streamOnce(to, agent, true);
        allChunks += result.chunks;
        if (!first) results.push(result);
      }
    }),
  );
  const gatewayUsPerChunk = gatewayPid ? (treeCpuUs(gatewayPid) - cpu0) / allChunks : NaN;
  agent.destroy();
  const pace = 1000 / SLOW_TOKENS_PER_SECOND;
  const ok = results.filter((r) => r.ok);
  return {
    ttftP50: percentile(
      ok.map((r) => r.ttftMs),
      50,
    ),
    ttftP99: percentile(
      ok.map((r) => r.ttftMs),
      99,
    ),
    jitterP99: percentile(
      ok.flatMap((r) => r.gapsMs!.map((g) => Math.abs(g - pace))),
      99,
    ),
    gatewayUsPerChunk,
    streams: results.length,
    reused: results.filter((r) => r.reused).length,
    errors: results.length - ok.length,
  };
}

/** `streams` new connections opened at the same moment; the median time to first token. */
async function burst(to: Target, streams: number): Promise<{ ttftP50: number; errors: number }> {
  const results = await Promise.all(Array.from({ length: streams }, () => streamOnce(to, false, false)));
  const ok = results.filter((r) => r.ok);
  return { ttftP50: median(ok.map((r) => r.ttftMs)), errors: results.length - ok.length };
}

interface SaturationResult {
  chunksPerSec: number;
  /** CPU of the gateway's processes per relayed chunk (NaN for direct). */
  gatewayUsPerChunk: number;
  simUsPerChunk: number;
  clientUsPerChunk: number;
  streams: number;
  chunksPerStream: number;
  errors: number;
}

/** `streams` workers running fast streams back to back for `seconds`, CPU read around the whole run. */
async function saturate(
  to: Target,
  streams: number,
  seconds: number,
  gatewayPid: number | undefined,
  simPid: number,
  body: string,
): Promise<SaturationResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const results: StreamResult[] = [];
  const gateway0 = gatewayPid ? treeCpuUs(gatewayPid) : NaN;
  const sim0 = treeCpuUs(simPid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: streams }, async () => {
      while (performance.now() < deadline) results.push(await streamOnce(to, agent, false, body));
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const client = process.cpuUsage(client0);
  const chunks = results.reduce((sum, r) => sum + r.chunks, 0);
  agent.destroy();
  return {
    chunksPerSec: chunks / elapsed,
    gatewayUsPerChunk: gatewayPid ? (treeCpuUs(gatewayPid) - gateway0) / chunks : NaN,
    simUsPerChunk: (treeCpuUs(simPid) - sim0) / chunks,
    clientUsPerChunk: (client.user + client.system) / chunks,
    streams: results.length,
    chunksPerStream: chunks / results.length,
    errors: results.filter((r) => !r.ok).length,
  };
}

// ---------------------------------------------------------------- Hearth

/** Boots on an embedded database the first boot initialised; ms from spawn to /api/health 200, a few times. */
async function measureBoot(simUrl: string, runs: number): Promise<number[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-bench-boot-"));
  const env = { DATA_DIR: dataDir, DATABASE_URL: undefined, OLLAMA_BASE_URL: simUrl, LOG_LEVEL: "warn" };
  const times: number[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const port = await freePort();
      const t0 = performance.now();
      // startHearthServer polls every 250 ms; poll every 10 ms beside it for a finer figure.
      let healthyAt = NaN;
      const poll = (async () => {
        while (Number.isNaN(healthyAt) && performance.now() - t0 < 120_000) {
          const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
            (r) => r.status === 200,
            () => false,
          );
          if (ok) healthyAt = performance.now();
          else await sleep(10);
        }
      })();
      const server = await startHearthServer({ env, port, stdio: "ignore" }).catch(async (err: unknown) => {
        healthyAt = -1;
        await poll;
        throw err;
      });
      started.add(server.child.pid!);
      await poll;
      await server.stop();
      started.delete(server.child.pid!);
      // Run 0 creates the database: not a boot on an existing one.
      if (run > 0) times.push(healthyAt - t0);
      process.stdout.write(
        `boot ${run === 0 ? "(initialising the database)" : run}: ${(healthyAt - t0).toFixed(0)} ms\n`,
      );
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return times;
}

// ---------------------------------------------------------------- report

const f0 = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(0));
const f1 = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(1));
const f2 = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(2));
const verdict = (met: boolean) => (met ? "✓" : "✗");

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("no production build: run `npm run build` first");
  let sim: SimProcess | undefined;
  let portkey: PortkeyProcess | undefined;
  let hearth: HearthServer | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-bench-"));
  try {
    sim = await startSimProcess();
    portkey = await startPortkey();
    process.stdout.write(`${QUICK ? "quick mode (BENCH_QUICK=1)" : "full run"}: boot first\n`);
    const boots = await measureBoot(sim.url, PLAN.bootRuns);

    cluster = await startTestCluster();
    hearth = await startHearthServer({
      env: {
        DATA_DIR: dataDir,
        DATABASE_URL: await createTestDatabase(cluster.adminUrl),
        OLLAMA_BASE_URL: sim.url,
        LOG_LEVEL: "warn",
        RATE_LIMIT_REQUESTS: "1000000000",
      },
      stdio: "inherit",
    });
    const hearthPid = hearth.child.pid!;
    started.add(hearthPid);
    const key = await createKeyOverHttp(
      hearth.base,
      await signUpOverHttp(hearth.base, "bench@example.com"),
      "bench",
    );

    const direct = target("direct", sim.url);
    const viaHearth = target("Hearth", hearth.base, { authorization: `Bearer ${key}` });
    const viaPortkey = target("Portkey", portkey.base, {
      "x-portkey-provider": "ollama",
      "x-portkey-custom-host": sim.url,
    });
    const columns = [direct, viaHearth, viaPortkey] as const;
    const gatewayPid = { direct: undefined, Hearth: hearthPid, Portkey: portkey.pid };

    // Each column must answer, stream (first token long before the end) and count the same chunks.
    await sim.planReply(LONG_PROMPT, LONG_ANSWER);
    for (const to of columns) {
      const r = await streamOnce(to, false, false, LONG_BODY);
      if (!r.ok || r.chunks !== LONG_ANSWER_TOKENS)
        throw new Error(`${to.name} did not relay the long answer whole: ${JSON.stringify(r)}`);
    }
    await sim.setFaults({ tokensPerSecond: SLOW_TOKENS_PER_SECOND });
    for (const to of columns) {
      const t0 = performance.now();
      const r = await streamOnce(to, false, false);
      const total = performance.now() - t0;
      ANSWER_CHUNKS ||= r.chunks;
      if (!r.ok || r.chunks !== ANSWER_CHUNKS || r.ttftMs > total / 2)
        throw new Error(`${to.name} does not stream: ${JSON.stringify({ ...r, totalMs: total })}`);
    }

    // Warm-up: JIT, pools, Next's route compilation.
    for (const to of columns) await staggered(to, 16, 3, gatewayPid[to.name]);
    await sim.setFaults({ tokensPerSecond: 0 });
    for (const to of columns) await saturate(to, 16, 2, gatewayPid[to.name], sim.pid, BODY);
    // Idle: past the quiet time after which Hearth gives a burst's memory back (lib/server/idle-gc.ts).
    await sleep(15_000);
    const rssIdle = treeRssMb(hearthPid);
    const portkeyRssIdle = treeRssMb(portkey.pid);
    process.stdout.write(`idle RSS: Hearth ${f1(rssIdle)} MB, Portkey ${f1(portkeyRssIdle)} MB\n`);

    // (a) Added TTFT and jitter: 16 staggered streams at 50 tokens/s, columns interleaved.
    await sim.setFaults({ tokensPerSecond: SLOW_TOKENS_PER_SECOND });
    const stag: Record<Target["name"], StaggeredResult[]> = { direct: [], Hearth: [], Portkey: [] };
    for (let round = 0; round < PLAN.staggerRounds; round++) {
      for (const to of rotated(columns, round))
        stag[to.name].push(await staggered(to, 16, PLAN.staggerSeconds, gatewayPid[to.name]));
      const last = (name: Target["name"]) => stag[name].at(-1)!;
      process.stdout.write(
        `staggered round ${round + 1}: TTFT p50/p99 ${columns.map((c) => `${c.name} ${f2(last(c.name).ttftP50)}/${f2(last(c.name).ttftP99)}`).join(", ")}\n`,
      );
    }

    // (c) Burst: 16 new connections at the same moment, columns interleaved.
    const bursts: Record<Target["name"], { ttftP50: number; errors: number }[]> = {
      direct: [],
      Hearth: [],
      Portkey: [],
    };
    for (let round = 0; round < PLAN.burstRounds; round++)
      for (const to of rotated(columns, round)) {
        bursts[to.name].push(await burst(to, 16));
        await sleep(200);
      }

    // (b) Relay cost and chunk rate at saturation: fast streams, columns interleaved.
    await sim.setFaults({ tokensPerSecond: 0 });
    const sat: Record<string, Record<Target["name"], SaturationResult[]>> = {};
    for (const level of SATURATION_LEVELS) {
      const runs: Record<Target["name"], SaturationResult[]> = { direct: [], Hearth: [], Portkey: [] };
      sat[level.label] = runs;
      for (let round = 0; round < PLAN.saturationRounds; round++)
        for (const to of rotated(columns, round)) {
          const body = level.long ? LONG_BODY : BODY;
          const r = await saturate(
            to,
            level.streams,
            PLAN.saturationSeconds,
            gatewayPid[to.name],
            sim.pid,
            body,
          );
          runs[to.name].push(r);
          process.stdout.write(
            `${level.label} fast streams, ${to.name}: ${f0(r.chunksPerSec)} chunks/s, gateway ${f1(r.gatewayUsPerChunk)} µs/chunk, simulator ${f1(r.simUsPerChunk)}, client ${f1(r.clientUsPerChunk)}, ${r.errors} errors\n`,
          );
        }
    }

    // (d) Memory: 1,000 slow streams through Hearth, then a minute idle.
    await sim.setFaults({ tokensPerSecond: SOAK_TOKENS_PER_SECOND });
    const soakAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const soakStart = performance.now();
    let soakErrors = 0;
    let soakStreams = 0;
    let rssSoakPeak = 0;
    const sampler = setInterval(() => (rssSoakPeak = Math.max(rssSoakPeak, treeRssMb(hearthPid))), 1000);
    await Promise.all(
      Array.from({ length: SOAK_STREAMS }, async (_, i) => {
        // Clients arrive over 5 s, as real ones would.
        await sleep((i / SOAK_STREAMS) * 5000);
        while (performance.now() - soakStart < PLAN.soakSeconds * 1000) {
          const r = await streamOnce(viaHearth, soakAgent, false);
          soakStreams++;
          if (!r.ok) soakErrors++;
        }
      }),
    );
    clearInterval(sampler);
    soakAgent.destroy();
    process.stdout.write(
      `soak: ${soakStreams} streams, ${soakErrors} errors, RSS peak ${f1(rssSoakPeak)} MB; a minute idle\n`,
    );
    await sleep(AFTER_SOAK_SECONDS * 1000);
    const rssAfter = treeRssMb(hearthPid);

    // ------------------------------------------------------------ figures
    const med = <T>(items: T[], pick: (t: T) => number) => median(items.map(pick));
    const added = (name: Target["name"], pick: (r: StaggeredResult) => number) =>
      median(stag[name].map((r, i) => pick(r) - pick(stag.direct[i]!)));
    const burstAdded = (name: Target["name"]) =>
      median(bursts[name].map((r, i) => r.ttftP50 - bursts.direct[i]!.ttftP50));
    const rate = (level: string, name: Target["name"]) => med(sat[level]![name], (r) => r.chunksPerSec);
    const cpu = (level: string, name: Target["name"]) => med(sat[level]![name], (r) => r.gatewayUsPerChunk);
    // The simulator's own cost: measured on the direct path, where nothing else limits its rate.
    const simCpu = (level: string) => med(sat[level]!.direct, (r) => r.simUsPerChunk);
    const clientCpu = (level: string, name: Target["name"]) =>
      med(sat[level]![name], (r) => r.clientUsPerChunk);
    // CPU per stream = per request + per chunk × chunks: two answer lengths give both.
    const split = (name: Target["name"]) => {
      const perStream = (level: string) =>
        med(sat[level]![name], (r) => r.gatewayUsPerChunk * r.chunksPerStream);
      const chunksOf = (level: string) => med(sat[level]![name], (r) => r.chunksPerStream);
      const perChunk =
        (perStream("256, long answers") - perStream("256")) /
        (chunksOf("256, long answers") - chunksOf("256"));
      return { perChunk, perRequestMs: (perStream("256") - perChunk * chunksOf("256")) / 1000 };
    };
    const errors = (items: { errors: number }[]) => items.reduce((sum, r) => sum + r.errors, 0);
    const countOf = (items: { streams: number }[]) => items.reduce((sum, r) => sum + r.streams, 0);

    const latencyRow = (label: string, pick: (name: Target["name"]) => number, unit = "ms") =>
      `| ${label} | ${columns.map((c) => (c.name === "direct" && unit === "added" ? "–" : f2(pick(c.name)))).join(" | ")} |`;
    const boot = median(boots);
    const top = {
      ttftP50: added("Hearth", (r) => r.ttftP50),
      ttftP99: added("Hearth", (r) => r.ttftP99),
      jitter: added("Hearth", (r) => r.jitterP99),
      cpu: cpu("256", "Hearth"),
      vsPortkey: rate("256", "Hearth") / rate("256", "Portkey"),
      vsDirect: rate("256", "Hearth") / rate("256", "direct"),
      burst: burstAdded("Hearth"),
    };
    const targets: [string, string, boolean][] = [
      [
        "added TTFT p50 ≤ 1 ms (16 staggered streams at 50 tokens/s)",
        `${f2(top.ttftP50)} ms`,
        top.ttftP50 <= 1,
      ],
      ["added TTFT p99 ≤ 5 ms", `${f2(top.ttftP99)} ms`, top.ttftP99 <= 5],
      ["added per-chunk jitter p99 ≤ 2 ms", `${f2(top.jitter)} ms`, top.jitter <= 2],
      ["CPU per relayed chunk ≤ 20 µs (256 fast streams)", `${f1(top.cpu)} µs`, top.cpu <= 20],
      ["chunks/s at 256 streams ≥ 2× Portkey", `${top.vsPortkey.toFixed(2)}×`, top.vsPortkey >= 2],
      ["chunks/s at 256 streams ≥ 50% of direct", `${(100 * top.vsDirect).toFixed(0)}%`, top.vsDirect >= 0.5],
      ["burst of 16 new connections: added TTFT p50 ≤ 10 ms", `${f1(top.burst)} ms`, top.burst <= 10],
      ["RSS ≤ 150 MB idle after warm-up", `${f0(rssIdle)} MB`, rssIdle <= 150],
      [
        `RSS ≤ 400 MB at the ${SOAK_STREAMS.toLocaleString("en")}-stream soak`,
        `${f0(rssSoakPeak)} MB (peak)`,
        rssSoakPeak <= 400,
      ],
      [
        "RSS within 10% of idle a minute after the soak",
        `${f0(rssAfter)} MB (${((100 * rssAfter) / rssIdle).toFixed(0)}% of idle)`,
        rssAfter <= rssIdle * 1.1,
      ],
      ["boot ≤ 3 s (existing embedded database)", `${(boot / 1000).toFixed(2)} s`, boot <= 3000],
    ];

    const section = [
      `## Gateway (\`npm run bench:gateway\`)`,
      ``,
      `${machineLine()}; load average ${os.loadavg()[0]!.toFixed(1)} at the end (the machine is shared). The simulator, PostgreSQL, Hearth, Portkey ${JSON.parse(fs.readFileSync(path.join(root, "node_modules/@portkey-ai/gateway/package.json"), "utf8")).version} and the load client (node:http) each run in their own processes on the same 2 cores.${QUICK ? " Quick mode (BENCH_QUICK=1): fewer, shorter runs." : ""}`,
      `Three columns in front of the same Ollama simulator, measured in this run: **direct** (the simulator's own /v1/chat/completions), **Hearth** (/v1 with a real API key: auth and rate limit included) and **Portkey** (no auth, no database; headers \`x-portkey-provider: ollama\`, \`x-portkey-custom-host\`). Every answer is ${ANSWER_CHUNKS} content chunks. Columns run one after another in rotating order; each figure is the median over the rounds, added figures the median of each round's difference with direct.`,
      ``,
      `**Latency** (ms). Staggered: 16 streams at ${SLOW_TOKENS_PER_SECOND} tokens/s on kept-alive connections, each new request starting while the others stream (${PLAN.staggerRounds} rounds of ${PLAN.staggerSeconds} s; ${columns.map((c) => `${c.name} ${countOf(stag[c.name])} streams (${stag[c.name].reduce((sum, r) => sum + r.reused, 0)} on a kept-alive connection), ${errors(stag[c.name])} errors`).join("; ")}). Jitter: |gap between consecutive chunks − ${1000 / SLOW_TOKENS_PER_SECOND} ms|. Burst: 16 streams opened on new connections at the same moment (${PLAN.burstRounds} rounds; errors ${columns.map((c) => errors(bursts[c.name])).join(" / ")}).`,
      ``,
      `| | direct | Hearth | Portkey |`,
      `| --- | --- | --- | --- |`,
      latencyRow("TTFT p50, staggered", (n) => med(stag[n], (r) => r.ttftP50)),
      latencyRow("TTFT p99, staggered", (n) => med(stag[n], (r) => r.ttftP99)),
      latencyRow("added TTFT p50", (n) => added(n, (r) => r.ttftP50), "added"),
      latencyRow("added TTFT p99", (n) => added(n, (r) => r.ttftP99), "added"),
      latencyRow("jitter p99", (n) => med(stag[n], (r) => r.jitterP99)),
      latencyRow("added jitter p99", (n) => added(n, (r) => r.jitterP99), "added"),
      `| gateway CPU per chunk at this pace (µs) | – | ${f1(med(stag.Hearth, (r) => r.gatewayUsPerChunk))} | ${f1(med(stag.Portkey, (r) => r.gatewayUsPerChunk))} |`,
      latencyRow("TTFT p50, burst of 16", (n) => med(bursts[n], (r) => r.ttftP50)),
      latencyRow("added TTFT p50, burst", burstAdded, "added"),
      ``,
      `**Relay cost at saturation**: fast streams (the simulator sends each answer as fast as the socket takes it), ${PLAN.saturationRounds} rounds of ${PLAN.saturationSeconds} s per column and level. CPU per chunk: user + system time of the gateway's processes (/proc, all of Hearth's processes but PostgreSQL) over the content chunks the client received, per-request work (auth, rate limit, upstream connect) included. The simulator's own cost (measured on the direct path) is the same work in every column; the load client's is shown to say how much of the two cores it took.`,
      ``,
      `| streams | direct chunks/s | Hearth chunks/s | Portkey chunks/s | Hearth / direct | Hearth / Portkey | Hearth µs/chunk | Portkey µs/chunk | simulator µs/chunk | client µs/chunk (direct / Hearth / Portkey) | errors (direct / Hearth / Portkey) |`,
      `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
      ...SATURATION_LEVELS.map(({ label: level }) => [level, sat[level]!] as const).map(
        ([level, runs]) =>
          `| ${level} (${f0(med(runs.direct, (r) => r.chunksPerStream))} chunks each) | ${f0(rate(level, "direct"))} | ${f0(rate(level, "Hearth"))} | ${f0(rate(level, "Portkey"))} | ${((100 * rate(level, "Hearth")) / rate(level, "direct")).toFixed(0)}% | ${(rate(level, "Hearth") / rate(level, "Portkey")).toFixed(2)}× | ${f1(cpu(level, "Hearth"))} | ${f1(cpu(level, "Portkey"))} | ${f1(simCpu(level))} | ${columns.map((c) => f1(clientCpu(level, c.name))).join(" / ")} | ${columns.map((c) => `${errors(runs[c.name])}`).join(" / ")} of ${columns.map((c) => countOf(runs[c.name])).join(" / ")} |`,
      ),
      ``,
      `Split from the two answer lengths at 256 streams (CPU per stream = per request + per chunk × chunks): Hearth ${f2(split("Hearth").perRequestMs)} ms per request + ${f1(split("Hearth").perChunk)} µs per chunk; Portkey ${f2(split("Portkey").perRequestMs)} ms per request + ${f1(split("Portkey").perChunk)} µs per chunk.`,
      ``,
      `**Memory** (RSS of all of Hearth's processes, PostgreSQL excluded): ${f1(rssIdle)} MB idle after warm-up (Portkey: ${f1(portkeyRssIdle)} MB); ${f1(rssSoakPeak)} MB peak while ${SOAK_STREAMS.toLocaleString("en")} streams at ${SOAK_TOKENS_PER_SECOND} tokens/s were held for ${PLAN.soakSeconds} s (${soakStreams} streams, ${soakErrors} errors); ${f1(rssAfter)} MB ${AFTER_SOAK_SECONDS} s after.`,
      ``,
      `**Boot** (spawn to /api/health 200, production build, embedded PostgreSQL on a data directory a previous boot initialised): median ${f0(boot)} ms of ${boots.length} (${boots.map(f0).join(", ")}).`,
      ``,
      `| target | Hearth | |`,
      `| --- | --- | --- |`,
      ...targets.map(([what, measured, met]) => `| ${what} | ${measured} | ${verdict(met)} |`),
      ``,
    ].join("\n");
    process.stdout.write(`\n${section}\n`);
    writeBenchmarkSection("## Gateway (`npm run bench:gateway`)", "### Reading the gateway figures", section);
  } finally {
    await hearth?.stop();
    if (hearth) started.delete(hearth.child.pid!);
    await portkey?.stop();
    await sim?.stop();
    await cluster?.stop();
    cluster = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
