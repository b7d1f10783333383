/**
 * `npm run bench:ui`: how the chat page holds up on a long conversation. A
 * 20-message chat and a 2,000-message chat are measured side by side in one
 * run, in Chromium against the production build:
 *   - time until the chat is interactive (hydrated, messages on screen, main
 *     thread quiet: the end of the last long task);
 *   - input latency while answers stream at 100 tokens/s (keydown to the
 *     next frame, for every key typed into the composer);
 *   - the tab's JS heap after loading and after streaming (after a GC).
 * Prints a table and writes it to BENCHMARKS.md.
 *
 * Needs a production build (`npm run build`) and PostgreSQL binaries, like the tests.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../tests/support/chromium";
import { signUpOverHttp, startHearthServer, type HearthServer } from "../../tests/support/hearth-server";
import { startOllamaSim } from "../../tests/support/ollama-sim";
import { createTestDatabase, startTestCluster } from "../../tests/support/pg-harness";
import { seedLongChat } from "../../tests/support/seed";
import { machineLine, percentile, writeBenchmarkSection } from "./report";

const root = path.resolve(import.meta.dirname, "../..");
const MODEL = "llama3.2:3b";
const SIZES = [20, 2000];
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 5);
/** Answers streamed per run while typing. */
const STREAMED_ANSWERS = 4;
const TARGETS = { interactiveMs: 1000, inputLatencyMs: 50, heapMb: 150 };

/* Runs in the page before any of its scripts: long tasks, the moment the list is up, and key latency. */
const PROBE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.startTime + e.duration);
  }).observe({ type: "longtask" });
  window.__ready = 0;
  new MutationObserver((_, observer) => {
    if (document.querySelector('[role=log] [data-index]') && document.querySelector('textarea')) {
      window.__ready = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  window.__keys = [];
  document.addEventListener("keydown", (event) => {
    const t0 = event.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - t0), 0));
  }, true);
`;

interface Run {
  /** The page's HTML fully received. */
  responseMs: number;
  interactiveMs: number;
  readyMs: number;
  heapLoadedMb: number;
  heapAfterMb: number;
  keyLatencies: number[];
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  return usedSize / 2 ** 20;
}

async function measure(browser: Browser, base: string, cookie: string, chatId: string): Promise<Run> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const [n, ...v] = pair.split("=");
      return { name: n!, value: v.join("="), url: base };
    }),
  );
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(`/c/${chatId}`, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as { __ready: number }).__ready > 0, null, {
    timeout: 60_000,
  });
  // Quiet time after the list is up, for any long task it still causes to show.
  await page.waitForTimeout(3000);
  const { ready, lastLongTask, responseEnd } = await page.evaluate(() => {
    const w = window as unknown as { __ready: number; __longTasks: number[] };
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      ready: w.__ready,
      lastLongTask: Math.max(0, ...w.__longTasks),
      responseEnd: nav.responseEnd,
    };
  });
  const heapLoadedMb = await heapMb(page);

  // Type while answers stream: each question is sent, and the next one typed while the answer comes in.
  const composer = page.getByRole("textbox", { name: "Message Hearth" });
  await composer.click();
  await page.evaluate(() => ((window as unknown as { __keys: number[] }).__keys = []));
  for (let n = 1; n <= STREAMED_ANSWERS; n++) {
    await composer.fill(`benchmark question ${n} ${chatId}`);
    await composer.press("Enter");
    const last = page.locator("article[data-status]").last();
    await page.waitForFunction(
      () => document.querySelector("article[data-status=streaming]") !== null,
      null,
      { timeout: 15_000 },
    );
    while ((await last.getAttribute("data-status")) === "streaming") {
      await page.keyboard.type("typing while it streams ", { delay: 30 });
      await composer.fill("");
    }
  }
  const keyLatencies = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
  const heapAfterMb = await heapMb(page);
  await context.close();
  return {
    responseMs: responseEnd,
    interactiveMs: Math.max(ready, lastLongTask),
    readyMs: ready,
    heapLoadedMb,
    heapAfterMb,
    keyLatencies,
  };
}

const median = (values: number[]) => percentile(values, 50);
const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const mark = (ok: boolean) => (ok ? "met" : "**missed**");

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `npm run build` first");
  }
  const cluster = await startTestCluster();
  const sim = await startOllamaSim();
  sim.setFaults({ tokensPerSecond: 100 });
  let hearth: HearthServer | undefined;
  let browser: Browser | undefined;
  try {
    const databaseUrl = await createTestDatabase(cluster.adminUrl);
    hearth = await startHearthServer({
      env: {
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "hearth-bench-ui-")),
        DATABASE_URL: databaseUrl,
        OLLAMA_BASE_URL: sim.url,
        LOG_LEVEL: "warn",
      },
      stdio: "inherit",
    });
    const cookie = await signUpOverHttp(hearth.base, "bench-ui@example.com");
    const me = (await (await fetch(`${hearth.base}/api/me`, { headers: { cookie } })).json()) as {
      id: string;
    };
    browser = await launchChromium();

    const rows: string[] = [];
    const results = new Map<number, Run[]>();
    // Warm the server (route compilation, connection pool) on a throwaway chat.
    await measure(
      browser,
      hearth.base,
      cookie,
      await seedLongChat(databaseUrl, { userId: me.id, size: 4, model: MODEL }),
    );
    for (let run = 0; run < RUNS; run++) {
      // Interleave the sizes, so drift on a shared machine hits both alike; a fresh chat each run.
      for (const size of SIZES) {
        const chatId = await seedLongChat(databaseUrl, { userId: me.id, size, model: MODEL });
        const result = await measure(browser, hearth.base, cookie, chatId);
        results.set(size, [...(results.get(size) ?? []), result]);
        process.stdout.write(
          `run ${run + 1}, ${size} messages: interactive ${f0(result.interactiveMs)} ms, keys p95 ${f1(percentile(result.keyLatencies, 95))} ms, heap ${f1(result.heapAfterMb)} MB\n`,
        );
      }
    }
    const summary = SIZES.map((size) => {
      const runs = results.get(size)!;
      const keys = runs.flatMap((r) => r.keyLatencies);
      return {
        size,
        response: median(runs.map((r) => r.responseMs)),
        ready: median(runs.map((r) => r.readyMs)),
        interactive: median(runs.map((r) => r.interactiveMs)),
        keysP50: percentile(keys, 50),
        keysP95: percentile(keys, 95),
        keysMax: Math.max(...keys),
        keyCount: keys.length,
        heapLoaded: median(runs.map((r) => r.heapLoadedMb)),
        heapAfter: Math.max(...runs.map((r) => r.heapAfterMb)),
      };
    });
    for (const s of summary) {
      rows.push(
        `| ${s.size.toLocaleString("en")} | ${f0(s.response)} | ${f0(s.ready)} | ${f0(s.interactive)} | ${f1(s.keysP50)} / ${f1(s.keysP95)} / ${f1(s.keysMax)} (${s.keyCount} keys) | ${f1(s.heapLoaded)} / ${f1(s.heapAfter)} |`,
      );
    }
    const [small, large] = summary as [(typeof summary)[0], (typeof summary)[0]];
    const section = [
      "## Long chats in the browser (`npm run bench:ui`)",
      "",
      `${machineLine()}; Chromium ${browser.version()} headless, 1280×800, production build; simulator, PostgreSQL, Hearth and Chromium share the machine. Median of ${RUNS} runs per size, interleaved.`,
      "Page received: navigation start to the last byte of the HTML. List up: to the messages (virtualised, after hydration) and the composer on screen. Interactive: navigation start to the end of the last long task once the messages and the composer are up (ms). Key latency: keydown to the next frame for each key typed into the composer while an answer streams at 100 tokens/s (p50 / p95 / max, ms). Heap: the tab's JS heap after a GC, loaded / after streaming (MB).",
      "",
      "| messages | page received (ms) | list up (ms) | interactive (ms) | key latency while streaming (ms) | JS heap (MB) |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows,
      "",
      `Targets for 2,000 messages: interactive ≤ ${TARGETS.interactiveMs} ms: ${mark(large.interactive <= TARGETS.interactiveMs)} (${f0(large.interactive)} ms, ${f1(large.interactive / small.interactive)}× the 20-message chat); ` +
        `input latency ≤ ${TARGETS.inputLatencyMs} ms: ${mark(large.keysP95 <= TARGETS.inputLatencyMs)} (p95 ${f1(large.keysP95)} ms); ` +
        `JS heap ≤ ${TARGETS.heapMb} MB: ${mark(large.heapAfter <= TARGETS.heapMb)} (${f1(large.heapAfter)} MB, ${f1(large.heapAfter / small.heapAfter)}× the 20-message chat).`,
      "",
    ].join("\n");
    process.stdout.write(`\n${section}\n`);
    writeBenchmarkSection(
      "## Long chats in the browser (`npm run bench:ui`)",
      "### Reading the UI figures",
      section,
    );
  } finally {
    await browser?.close();
    await hearth?.stop();
    await sim.close();
    await cluster.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
