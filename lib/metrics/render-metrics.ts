import "server-only";
import { Gauge } from "prom-client";
import { generations } from "@/lib/chats/generation/live-generations";
import { pool, schema } from "@/lib/db/client";
import { metrics } from "./registry";

const PULL_STATES = schema.pullStatus.enumValues;

/**
 * The gauges read at scrape time from state other modules own: chat replies
 * being generated in this process, model pulls by state, and the database
 * pool. Registered once per registry, on the first scrape.
 */
function registerScrapeGauges() {
  const m = metrics();
  // Checked on the registry itself: a second copy of this module (dev reloads) must not register twice.
  if (m.registry.getSingleMetric("hearth_chat_generations_active")) return;
  const registers = [m.registry];
  new Gauge({
    name: "hearth_chat_generations_active",
    help: "Chat replies this process is generating right now.",
    registers,
    collect() {
      let streaming = 0;
      for (const g of generations.values()) if (g.status === "streaming") streaming++;
      this.set(streaming);
    },
  });
  // Read before the pull-jobs query below takes a connection: the scrape should not count itself.
  const poolGauge = (name: string, help: string, read: (p: ReturnType<typeof pool>) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read(pool()));
      },
    });
  poolGauge(
    "hearth_db_pool_connections",
    "Connections the database pool holds (busy and idle).",
    (p) => p.totalCount,
  );
  poolGauge("hearth_db_pool_idle_connections", "Idle connections in the database pool.", (p) => p.idleCount);
  poolGauge(
    "hearth_db_pool_waiting_requests",
    "Queries waiting for a free connection from the database pool.",
    (p) => p.waitingCount,
  );
  new Gauge({
    name: "hearth_pull_jobs",
    help: "Model pulls (downloads) by state, across every process on this database.",
    labelNames: ["state"],
    registers,
    async collect() {
      // A database that does not answer leaves these out, not the whole scrape.
      const rows = await pool()
        .query<{ status: string; n: string }>("SELECT status, count(*) AS n FROM pull_job GROUP BY status")
        .then((r) => r.rows)
        .catch(() => null);
      if (!rows) return this.reset();
      const counts = new Map(rows.map((r) => [r.status, Number(r.n)]));
      for (const state of PULL_STATES) this.set({ state }, counts.get(state) ?? 0);
    },
  });
}

/** Every metric in Prometheus's text format, with its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  registerScrapeGauges();
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
