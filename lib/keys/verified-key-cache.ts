import "server-only";
import type { Socket } from "node:net";
import pg from "pg";
import { config } from "@/lib/config";
import { logger } from "@/lib/log/logger";

/**
 * Key checks answered from memory. Rows the key check read (key and owner)
 * are kept by the key's hash, and forgotten the moment PostgreSQL says the key
 * or its owner changed: triggers (drizzle/0014) NOTIFY on every update or
 * delete, whoever makes it. While this process is not listening (before the
 * first LISTEN, after a dropped connection, while reconnecting) the cache is
 * empty and bypassed, so a revocation never waits on a reconnect.
 */
const CHANNEL = "hearth_key_cache";
/** A few thousand keys in use at once; the least recently used is dropped past this. */
const MAX_ENTRIES = 4096;
const RECONNECT_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];
// A connection dropped silently (a NAT's idle timeout, say) would miss notifications
// unnoticed: a ping bounds how long that can last.
const PING_EVERY_MS = 15_000;
const PING_TIMEOUT_MS = 5_000;

export interface CachedKey {
  id: string;
  userId: string;
}

type State = "idle" | "connecting" | "listening";

class VerifiedKeyCache {
  private readonly entries = new Map<string, CachedKey>();
  /** Hashes by key id and by owner, so a notification costs a lookup, not a scan. */
  private readonly byKey = new Map<string, string>();
  private readonly byUser = new Map<string, Set<string>>();
  private state: State = "idle";
  /** Bumped by every invalidation and every change of state: a read that raced one is not kept. */
  private generation = 0;
  private client: pg.Client | undefined;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;

  /** The cached row for `hash`, else what `load` reads (kept when no change could have raced it). */
  async read<T extends CachedKey>(
    hash: string,
    load: (hash: string) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    if (this.state === "idle") this.connect();
    if (this.state === "listening") {
      const hit = this.entries.get(hash);
      if (hit) {
        // Map order is insertion order: moving a hit to the end makes the first entry the least recent.
        this.entries.delete(hash);
        this.entries.set(hash, hit);
        return hit as T;
      }
    }
    const generation = this.generation;
    const row = await load(hash);
    // Unknown hashes are never kept: a new key works at once, and guessing costs no memory.
    if (row && this.state === "listening" && this.generation === generation) {
      this.remove(hash);
      this.entries.set(hash, row);
      this.byKey.set(row.id, hash);
      const hashes = this.byUser.get(row.userId) ?? new Set();
      this.byUser.set(row.userId, hashes.add(hash));
      if (this.entries.size > MAX_ENTRIES) this.remove(this.entries.keys().next().value!);
    }
    return row;
  }

  /** Forgets a key, a user's keys, or everything ("all"), as a notification's payload says. */
  forget(payload: string): void {
    this.generation++;
    const [kind, id] = payload.split(/:(.*)/s) as [string, string | undefined];
    if (kind === "key" && id !== undefined) {
      const hash = this.byKey.get(id);
      if (hash) this.remove(hash);
    } else if (kind === "user" && id !== undefined) {
      for (const hash of this.byUser.get(id) ?? []) this.remove(hash);
    } else {
      this.clear();
    }
  }

  private remove(hash: string): void {
    const entry = this.entries.get(hash);
    if (!entry) return;
    this.entries.delete(hash);
    this.byKey.delete(entry.id);
    const hashes = this.byUser.get(entry.userId);
    hashes?.delete(hash);
    if (hashes?.size === 0) this.byUser.delete(entry.userId);
  }

  private clear(): void {
    this.entries.clear();
    this.byKey.clear();
    this.byUser.clear();
  }

  get listening(): boolean {
    return this.state === "listening";
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.disconnect();
    this.state = "idle";
    clearTimeout(this.reconnectTimer);
    if (client) await client.end().catch(() => {});
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    const url = config().databaseUrl;
    // No database configured: the key check itself says so.
    if (!url) return;
    this.state = "connecting";
    const client = new pg.Client({
      connectionString: url,
      application_name: "hearth-key-cache",
      keepAlive: true,
    });
    this.client = client;
    const dropped = (err?: unknown) => this.dropped(client, err);
    client.on("error", dropped);
    client.on("end", dropped);
    client.on("notification", (msg) => {
      if (msg.channel === CHANNEL) this.forget(msg.payload ?? "all");
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        // Never the reason a script or a test runner stays alive.
        socketOf(client)?.unref();
        if (this.failures > 0) logger().info("key cache is listening for changes again");
        this.failures = 0;
        this.generation++;
        this.clear();
        this.state = "listening";
        this.pingTimer = setInterval(() => this.ping(client), PING_EVERY_MS).unref();
      })
      .catch(dropped);
  }

  private ping(client: pg.Client): void {
    const timeout = setTimeout(() => {
      socketOf(client)?.destroy();
      this.dropped(client, new Error("no answer to a ping"));
    }, PING_TIMEOUT_MS).unref();
    client.query("SELECT 1").then(
      () => clearTimeout(timeout),
      (err: unknown) => {
        clearTimeout(timeout);
        this.dropped(client, err);
      },
    );
  }

  /** Cache off at once, then reconnect with backoff. */
  private dropped(client: pg.Client, err: unknown): void {
    if (this.client !== client) return;
    this.disconnect();
    void client.end().catch(() => {});
    const delay = RECONNECT_DELAYS_MS[Math.min(this.failures, RECONNECT_DELAYS_MS.length - 1)]!;
    if (this.failures === 0) {
      logger().warn(
        { err },
        "key cache is not listening for changes; every key check reads the database until it is",
      );
    }
    this.failures++;
    this.state = "connecting";
    this.reconnectTimer = setTimeout(() => this.connect(), delay).unref();
  }

  private disconnect(): void {
    this.client = undefined;
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.clear();
    this.generation++;
  }
}

// pg keeps its socket here; no public accessor exists.
function socketOf(client: pg.Client): Socket | undefined {
  return (client as unknown as { connection?: { stream?: Socket } }).connection?.stream;
}

// One cache and one listening connection per process, even when the server
// loads this module in two bundles (Next's and the /v1 fast path's).
const holder = globalThis as unknown as { __hearthKeyCache?: VerifiedKeyCache };

export function verifiedKeyCache(): VerifiedKeyCache {
  holder.__hearthKeyCache ??= new VerifiedKeyCache();
  return holder.__hearthKeyCache;
}

/**
 * Forgets a key (`{ keyId }`) or every key of a user (`{ userId }`) in this
 * process at once, after a change this process committed; the notification
 * tells the others (and this one again).
 */
export function forgetVerifiedKeys(which: { keyId: string } | { userId: string }): void {
  holder.__hearthKeyCache?.forget("keyId" in which ? `key:${which.keyId}` : `user:${which.userId}`);
}

/** Closes the listening connection (shutdown, tests); the next key check starts it again. */
export async function stopVerifiedKeyCache(): Promise<void> {
  await holder.__hearthKeyCache?.stop();
}
