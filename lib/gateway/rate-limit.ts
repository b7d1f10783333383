import "server-only";
import { eq } from "drizzle-orm";
import { counterPool, db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/settings";

/**
 * Request windows and daily token quotas, counted in PostgreSQL so that every
 * app process shares one count.
 *
 * How per-key and per-user limits combine:
 * - The instance defaults (settings: rateLimitRequests per rateLimitWindowMs,
 *   rateLimitTokensPerDay) apply to each API key on its own, as before.
 * - A user's own limit (user.requestsPerMinute, user.tokensPerDay, set by an
 *   admin) replaces the default for that dimension, and is counted once per
 *   user across all their keys and their chat together.
 * - Chat has no request window or quota unless the user has a limit of their own.
 * Tokens are always counted per user, so a quota set mid-day sees the day's use.
 */
const DAY_SECONDS = 24 * 60 * 60;
const USER_WINDOW_MS = 60_000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetMs: number;
}

export interface UserLimits {
  requestsPerMinute: number | null;
  tokensPerDay: number | null;
}

/** OpenAI's duration format for reset headers: "1s", "6m0s", "1h2m3s". */
export function formatReset(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "x-ratelimit-limit-requests": String(state.limit),
    "x-ratelimit-remaining-requests": String(state.remaining),
    "x-ratelimit-reset-requests": formatReset(state.resetMs),
  };
}

// Rows in rate-limiter-flexible's layout, "<prefix>:<key>": addTokens and take() read and write the same rows.
const TOKENS = "v1:tokens";
const keyTokens = (keyId: string) => keyId;
const userTokens = (userId: string) => `user:${userId}`;
const rowKey = (prefix: string, key: string) => `${prefix}:${key}`;

/** Read on every chat message, never cached: an admin's change applies to the very next one. */
async function userLimits(userId: string): Promise<UserLimits> {
  const u = schema.user;
  const [row] = await db()
    .select({ requestsPerMinute: u.requestsPerMinute, tokensPerDay: u.tokensPerDay })
    .from(u)
    .where(eq(u.id, userId));
  return row ?? { requestsPerMinute: null, tokensPerDay: null };
}

/**
 * One statement, one round trip: reads the day's token count and, unless it
 * is spent, takes a point from the request window (rate-limiter-flexible's
 * upsert: a window past its expiry starts again at 1). The upsert is atomic,
 * so concurrent requests from every process count exactly.
 */
const TAKE_REQUEST = `
WITH quota AS (
  SELECT points, expire FROM rate_limit
  WHERE key = $3::varchar AND (expire > $5::bigint OR expire IS NULL)
), take AS (
  INSERT INTO rate_limit (key, points, expire)
  SELECT $1::varchar, 1, $5::bigint + $2::bigint
  WHERE $1::varchar IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quota WHERE points >= $4::integer)
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN rate_limit.expire <= $5::bigint THEN 1 ELSE rate_limit.points + 1 END,
    expire = CASE WHEN rate_limit.expire <= $5::bigint THEN EXCLUDED.expire ELSE rate_limit.expire END
  RETURNING points, expire
)
SELECT (SELECT points FROM take) AS taken, (SELECT expire FROM take) AS taken_expire,
       (SELECT points FROM quota) AS quota_used, (SELECT expire FROM quota) AS quota_expire`;

interface Take {
  /** The request window, if this caller has one. */
  window?: { key: string; limit: number; windowMs: number };
  /** The daily token quota, if this caller has one, and what a spent one says. */
  quota?: { key: string; limit: number; message: string };
}

interface TakeRow {
  /** The window's count after this statement's points (null: no point was taken). */
  taken: number | null;
  taken_expire: string | null;
  quota_used: number | null;
  quota_expire: string | null;
}

// Whole seconds, as rate-limiter-flexible counts them, so both see the same windows.
const windowSeconds = (window: Take["window"]) => (window ? Math.ceil(window.windowMs / 1000) * 1000 : 0);

async function take(what: Take): Promise<RateLimitState | undefined> {
  if (what.window) return takeBatched(what as Take & { window: NonNullable<Take["window"]> });
  const { rows } = await counterPool().query<TakeRow>({
    name: "hearth-take-request",
    text: TAKE_REQUEST,
    values: [null, 0, what.quota?.key ?? null, what.quota?.limit ?? 0, Date.now()],
  });
  return verdict(what, rows[0]!, rows[0]!.taken);
}

/** The request's place in its window (`taken`, null when none was taken) decides: a state, or a 429. */
function verdict({ window, quota }: Take, row: TakeRow, taken: number | null): RateLimitState | undefined {
  const msUntil = (expire: string | null) =>
    expire === null ? -1 : Math.max(Number(expire) - Date.now(), 0);

  if (quota && row.quota_used !== null && row.quota_used >= quota.limit) {
    const ms = msUntil(row.quota_expire);
    throw new AppError("rate_limited", quota.message, {
      headers: {
        "retry-after": String(Math.ceil(ms / 1000)),
        "retry-after-ms": String(ms),
        // Retrying within seconds will not help: the quota resets daily.
        "x-should-retry": "false",
      },
    });
  }
  if (!window || taken === null) return undefined;
  const ms = msUntil(row.taken_expire);
  if (taken <= window.limit) {
    return { limit: window.limit, remaining: Math.max(window.limit - taken, 0), resetMs: ms };
  }
  const state = { limit: window.limit, remaining: 0, resetMs: ms };
  throw new AppError(
    "rate_limited",
    `Rate limit reached: ${window.limit} requests per ${formatReset(window.windowMs)}. Try again in ${formatReset(ms)}.`,
    {
      headers: {
        ...rateLimitHeaders(state),
        "retry-after": String(Math.max(1, Math.ceil(ms / 1000))),
        "retry-after-ms": String(ms),
      },
    },
  );
}

/**
 * The requests of many callers in one statement: each window row takes the
 * points of all its requests at once (the row's count goes from c to c + n, so
 * its requests hold places c + 1 … c + n in arrival order, as n statements
 * would have given them). Rows are updated in key order, so two processes'
 * batches cannot deadlock. Window keys are unique within a batch.
 */
const TAKE_REQUESTS = `
WITH req AS (
  SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::varchar[], $4::integer[], $5::integer[])
    AS r(wkey, window_ms, qkey, qlimit, n)
), quota AS (
  SELECT r.wkey, q.points, q.expire FROM req r
  JOIN rate_limit q ON q.key = r.qkey AND (q.expire > $6::bigint OR q.expire IS NULL)
), take AS (
  INSERT INTO rate_limit (key, points, expire)
  SELECT r.wkey, r.n, $6::bigint + r.window_ms FROM req r
  WHERE NOT EXISTS (SELECT 1 FROM quota WHERE quota.wkey = r.wkey AND quota.points >= r.qlimit)
  ORDER BY r.wkey
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN rate_limit.expire <= $6::bigint THEN EXCLUDED.points ELSE rate_limit.points + EXCLUDED.points END,
    expire = CASE WHEN rate_limit.expire <= $6::bigint THEN EXCLUDED.expire ELSE rate_limit.expire END
  RETURNING key, points, expire
)
SELECT r.wkey, t.points AS taken, t.expire AS taken_expire, q.points AS quota_used, q.expire AS quota_expire
FROM req r LEFT JOIN take t ON t.key = r.wkey LEFT JOIN quota q ON q.wkey = r.wkey`;

interface Waiting {
  what: Take & { window: NonNullable<Take["window"]> };
  resolve: (state: RateLimitState | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * Statements under way, and the requests that arrived meanwhile. A lone
 * request goes at once, as its own statement; requests that arrive while
 * statements are under way wait for one to return and go together in the
 * next: under load a round trip (and a row lock, and a commit) serves many.
 */
const MAX_STATEMENTS = 2;
const batching = globalThis as unknown as { __hearthTakeQueue?: { waiting: Waiting[]; running: number } };
const queue = (batching.__hearthTakeQueue ??= { waiting: [], running: 0 });

function takeBatched(what: Waiting["what"]): Promise<RateLimitState | undefined> {
  return new Promise((resolve, reject) => {
    queue.waiting.push({ what, resolve, reject });
    if (queue.running < MAX_STATEMENTS) sendWaiting();
  });
}

function sendWaiting() {
  if (queue.waiting.length === 0) return;
  // One group per window key; a request whose window key another group of this batch has
  // with different terms (same user window, another key's quota) waits for the next batch.
  const groups = new Map<string, Waiting[]>();
  const later: Waiting[] = [];
  for (const w of queue.waiting) {
    const group = groups.get(w.what.window.key);
    if (!group) groups.set(w.what.window.key, [w]);
    else if (sameTerms(group[0]!.what, w.what)) group.push(w);
    else later.push(w);
  }
  queue.waiting = later;
  queue.running++;
  const batch = [...groups.values()];
  const terms = batch.map((g) => g[0]!.what);
  counterPool()
    .query<TakeRow>({
      name: "hearth-take-requests",
      text: TAKE_REQUESTS,
      values: [
        terms.map((t) => t.window.key),
        terms.map((t) => windowSeconds(t.window)),
        terms.map((t) => t.quota?.key ?? null),
        terms.map((t) => t.quota?.limit ?? 0),
        batch.map((g) => g.length),
        Date.now(),
      ],
    })
    .then(
      ({ rows }) => {
        const byKey = new Map(rows.map((row) => [(row as TakeRow & { wkey: string }).wkey, row]));
        for (const group of batch) {
          const row = byKey.get(group[0]!.what.window.key)!;
          const first = row.taken === null ? null : row.taken - group.length + 1;
          group.forEach((w, i) => {
            try {
              w.resolve(verdict(w.what, row, first === null ? null : first + i));
            } catch (err) {
              w.reject(err);
            }
          });
        }
      },
      (err: unknown) => {
        for (const group of batch) for (const w of group) w.reject(err);
      },
    )
    .finally(() => {
      queue.running--;
      sendWaiting();
    });
}

function sameTerms(a: Take, b: Take): boolean {
  return (
    a.window?.limit === b.window?.limit &&
    a.window?.windowMs === b.window?.windowMs &&
    a.quota?.key === b.quota?.key &&
    a.quota?.limit === b.quota?.limit
  );
}

const userQuotaSpent = (limit: number) =>
  `You have used your ${limit} tokens for today. Your limit resets within 24 hours; an administrator can raise it.`;

const userQuota = (userId: string, limits: UserLimits) =>
  limits.tokensPerDay === null
    ? undefined
    : {
        key: rowKey(TOKENS, userTokens(userId)),
        limit: limits.tokensPerDay,
        message: userQuotaSpent(limits.tokensPerDay),
      };

/**
 * Takes one /v1 request from the user's window (if they have a limit) or the
 * key's, or throws a 429 that says when to retry. One round trip to
 * PostgreSQL when the caller passes the owner's limits (the key check has them).
 */
export async function takeRequest(input: {
  keyId: string;
  userId: string;
  /** The owner's limits when the caller already has them (the key check reads them): no second query. */
  limits?: UserLimits;
}): Promise<RateLimitState> {
  const [settings, limits] = await Promise.all([getSettings(), input.limits ?? userLimits(input.userId)]);
  const keyQuota =
    settings.rateLimitTokensPerDay > 0
      ? {
          key: rowKey(TOKENS, keyTokens(input.keyId)),
          limit: settings.rateLimitTokensPerDay,
          message: `This key has used its ${settings.rateLimitTokensPerDay} tokens for today.`,
        }
      : undefined;
  const state = await take({
    quota: userQuota(input.userId, limits) ?? keyQuota,
    window:
      limits.requestsPerMinute !== null
        ? {
            key: rowKey("user:requests", input.userId),
            limit: limits.requestsPerMinute,
            windowMs: USER_WINDOW_MS,
          }
        : {
            key: rowKey("v1:requests", input.keyId),
            limit: settings.rateLimitRequests,
            windowMs: settings.rateLimitWindowMs,
          },
  });
  // A request always has a window, so take() answers or throws.
  return state!;
}

/** Checks a chat message against the user's own limits (chat has none otherwise). */
export async function takeChatRequest(userId: string): Promise<void> {
  const limits = await userLimits(userId);
  if (limits.tokensPerDay === null && limits.requestsPerMinute === null) return;
  await take({
    quota: userQuota(userId, limits),
    window:
      limits.requestsPerMinute === null
        ? undefined
        : { key: rowKey("user:requests", userId), limit: limits.requestsPerMinute, windowMs: USER_WINDOW_MS },
  });
}

/**
 * rate-limiter-flexible's penalty (its upsert, same row layout and expiry rule)
 * with a fixed text, prepared once per connection: no query building per request.
 */
const ADD_TOKENS = `
INSERT INTO rate_limit (key, points, expire) VALUES ($1::varchar, $2::integer, $3::bigint)
ON CONFLICT (key) DO UPDATE SET
  points = CASE WHEN rate_limit.expire <= $4::bigint THEN $2::integer ELSE rate_limit.points + $2::integer END,
  expire = CASE WHEN rate_limit.expire <= $4::bigint THEN $3::bigint ELSE rate_limit.expire END`;

/**
 * Token counts waiting for the write in flight on the same row. Under load a
 * busy key's finished requests share one statement instead of one each; a lone
 * request is written at once, as before. Each promise settles once its tokens are in.
 */
const tokenWrites = globalThis as unknown as {
  __hearthTokenWrites?: {
    queued: Map<string, { tokens: number; written: Promise<void> }>;
    inFlight: Map<string, Promise<void>>;
  };
};
const writes = (tokenWrites.__hearthTokenWrites ??= { queued: new Map(), inFlight: new Map() });

function penalise(key: string, tokens: number): Promise<void> {
  const queued = writes.queued.get(key);
  if (queued) {
    queued.tokens += tokens;
    return queued.written;
  }
  const entry = { tokens, written: Promise.resolve() };
  entry.written = (writes.inFlight.get(key) ?? Promise.resolve()).then(() => {
    writes.queued.delete(key);
    const now = Date.now();
    const write = counterPool()
      .query({
        name: "hearth-add-tokens",
        text: ADD_TOKENS,
        values: [key, entry.tokens, now + DAY_SECONDS * 1000, now],
      })
      .then(
        () => undefined,
        () => undefined,
      );
    writes.inFlight.set(key, write);
    void write.then(() => {
      if (writes.inFlight.get(key) === write) writes.inFlight.delete(key);
    });
    return write;
  });
  writes.queued.set(key, entry);
  return entry.written;
}

/** Counts a finished request's tokens against the user's day and, when the default quota is on, the key's. */
export async function addTokens(input: { keyId?: string; userId: string; tokens: number }): Promise<void> {
  if (input.tokens <= 0) return;
  const written = [penalise(rowKey(TOKENS, userTokens(input.userId)), input.tokens)];
  if (input.keyId && (await getSettings()).rateLimitTokensPerDay > 0) {
    written.push(penalise(rowKey(TOKENS, keyTokens(input.keyId)), input.tokens));
  }
  await Promise.all(written);
}
