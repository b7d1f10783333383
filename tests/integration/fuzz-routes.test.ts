/**
 * Property-based fuzzing of every route handler under app/: generated hostile
 * bodies, query strings, path parameters and headers, sent in-process with a
 * real session cookie or API key against a real PostgreSQL.
 *
 * Every answer must be one a client can act on: never a 500, never an
 * unhandled rejection, and an error body in the documented shape
 * ({error:{code,message}} on /api, OpenAI's {error:{message,type,param,code}}
 * on /v1). Ollama is an unreachable port here, so 502/503/504 (the upstream is
 * down) are documented answers, not failures; only 500, or any other 5xx, is.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { Browser, ORIGIN } from "../support/auth-client";
import {
  hostileBody,
  hostileHeaders,
  hostileParam,
  hostileQuery,
  nastyString,
} from "../support/hostile-input";
import { seedLongChat } from "../support/seed";
import { setupTestApp } from "../support/test-app";

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** Answers an unreachable upstream may get: documented, not bugs. */
const UPSTREAM_DOWN = [502, 503, 504];
/**
 * Runs per route: enough to try every kind of trouble on every field, few
 * enough that the suite takes well under a minute on an idle machine (about
 * 1,000 requests). The time cap is a guard for a loaded one.
 */
const RUNS = 30;
const TIME_LIMIT_MS = 3_000;

interface RouteFile {
  file: string;
  /** The URL path, with [param] and [...param] segments left in. */
  template: string;
  params: { name: string; catchAll: boolean }[];
}

/** Every app/**\/route.ts, with its URL template. */
function routeFiles(dir = path.resolve(import.meta.dirname, "../../app")): RouteFile[] {
  const out: RouteFile[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === "route.ts") {
        const segments = path
          .relative(dir, d)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        out.push({
          file: p,
          template: "/" + segments.join("/"),
          params: segments
            .filter((s) => s.startsWith("["))
            .map((s) => ({ name: s.replace(/^\[(\.\.\.)?|\]$/g, ""), catchAll: s.startsWith("[...") })),
        });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.template.localeCompare(b.template));
}

const ROUTES = routeFiles();
const MODEL = "llama3.2:3b";

/** A valid body per route, for hostile values to be planted in. */
const EXAMPLES: Record<string, unknown> = {
  "/v1/chat/completions": {
    model: MODEL,
    messages: [{ role: "user", content: "hi" }],
    tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
    response_format: { type: "json_schema", json_schema: { name: "s", schema: { type: "object" } } },
  },
  "/v1/embeddings": { model: MODEL, input: ["hi"] },
  "/api/chats": { model: MODEL, systemPrompt: "be brief", temperature: 0.5 },
  "/api/chats/[chatId]": { title: "t", pinned: true, model: MODEL, systemPrompt: null, temperature: 1 },
  "/api/chats/[chatId]/messages": { content: "hi", parentId: null, model: MODEL, fileIds: [] },
  "/api/chats/[chatId]/branch": { messageId: "00000000-0000-4000-8000-000000000000" },
  "/api/chats/[chatId]/fork": { messageId: "00000000-0000-4000-8000-000000000000" },
  "/api/chats/[chatId]/messages/[messageId]/regenerate": { model: MODEL },
  "/api/chats/import": {
    format: "hearth-chats",
    version: 1,
    chats: [
      {
        id: "c",
        title: "t",
        pinned: false,
        createdAt: "2025-01-01T00:00:00Z",
        messages: [
          { id: "m", parentId: null, role: "user", content: "hi", createdAt: "2025-01-01T00:00:00Z" },
        ],
      },
    ],
  },
  "/api/prompts": { name: "n", body: "b {{clipboard}}" },
  "/api/prompts/[promptId]": { name: "n", body: "b" },
  "/api/keys": { name: "k", expiresAt: "2030-01-01T00:00:00Z", models: [MODEL], endpoints: ["chat"] },
  "/api/admin/users": {
    email: "made@example.com",
    name: "Made",
    role: "USER",
    password: "a long enough passphrase",
  },
  "/api/admin/users/[userId]": { role: "USER", disabled: false, requestsPerMinute: 10, tokensPerDay: null },
  "/api/password-reset": { token: "A".repeat(43), password: "a long enough passphrase" },
  "/api/csp-report": { "csp-report": { "document-uri": "http://x/", "violated-directive": "script-src" } },
  "/api/auth/[...all]": { email: "fuzz@example.com", password: "a long enough passphrase", name: "Fuzz" },
  "/api/admin/settings": { signUpPolicy: "open", defaultSystemPrompt: "be brief", rateLimitRequests: 50 },
};
const QUERY_NAMES = [
  "limit",
  "cursor",
  "format",
  "q",
  "messages",
  "offset",
  "actor",
  "action",
  "from",
  "to",
  "direction",
];
const AUTH_PATHS = [
  ["get-session"],
  ["sign-in", "email"],
  ["sign-up", "email"],
  ["update-user"],
  ["change-password"],
  ["list-sessions"],
  ["verify-password"],
  ["sign-in", "social"],
  ["callback", "github"],
  ["ok"],
  ["error"],
];

let cookie: string;
let authCookie: string;
let apiKey: string;
/** Ids that exist (the fuzzing user's chat, messages, prompt, key, share, file), so routes get past the 404. */
let real: Record<string, string[]> = {};
let decoy: Record<string, string[]> = {};
const rejections: unknown[] = [];
/** FUZZ_REPORT=1 prints how often each route answered each status: a check that the fuzzing reaches past validation. */
const statuses = new Map<string, Map<number, number>>();
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  const app = await setupTestApp({ RATE_LIMIT_REQUESTS: "1000000", RATE_LIMIT_WINDOW_MS: "60000" });
  process.on("unhandledRejection", onRejection);
  const user = new Browser();
  await user.signUp("fuzz@example.com", "a long enough passphrase");
  cookie = [...user.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const userId = (await (await user.me()).json()).id as string;
  // Better Auth's own routes get their own user: fuzzing may sign it out or change it.
  const other = new Browser("203.0.113.11");
  await other.signUp("fuzz-auth@example.com", "a long enough passphrase");
  authCookie = [...other.cookies].map(([k, v]) => `${k}=${v}`).join("; ");

  // Each thing twice: one to be read and changed, a decoy for DELETE, so that a
  // deletion early in the run does not turn every later request into a 404.
  const { createApiKey } = await import("@/lib/keys/create-api-key");
  const { createPrompt } = await import("@/lib/prompts/prompts");
  const { createShare } = await import("@/lib/shares/create-share");
  const { incomingDir, saveUpload } = await import("@/lib/files/save-upload");
  const { getChat } = await import("@/lib/chats/get-chat");
  const things = async () => {
    const key = await createApiKey({ userId, name: "fuzz" });
    const prompt = await createPrompt({ userId, name: "p", body: "b" });
    const chatId = await seedLongChat(app.databaseUrl, { userId, size: 4, model: MODEL });
    const chat = (await getChat({ userId, chatId })) as { messages: { id: string }[] };
    const share = await createShare({ userId, chatId });
    const tempPath = path.join(incomingDir(), `fuzz-${Date.now()}-${Math.random()}`);
    fs.mkdirSync(incomingDir(), { recursive: true });
    fs.writeFileSync(tempPath, "some notes");
    const file = await saveUpload({ userId, upload: { name: "notes.txt", tempPath } });
    return {
      key: key.key,
      ids: {
        chatId: [chatId],
        messageId: chat.messages.map((m) => m.id),
        promptId: [prompt.id],
        id: [key.id, MODEL],
        fileId: [file.id],
        shareId: [share.id],
      },
    };
  };
  // Loaded up front, so that no route spends its time budget compiling.
  for (const route of ROUTES) await import(route.file);
  const kept = await things();
  apiKey = kept.key;
  real = kept.ids;
  decoy = (await things()).ids;
});

/** A real id stands in the generated input as "@real:<param>:<n>", resolved once the ids exist. */
function resolveParams(params: Input["params"], method: string): Input["params"] {
  const ids = method === "DELETE" ? decoy : real;
  const resolve = (v: string) => {
    const m = /^@real:(\w+):(\d)$/.exec(v);
    if (!m) return v;
    const list = ids[m[1]!] ?? ["x"];
    return list[Number(m[2]) % list.length]!;
  };
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map(resolve) : resolve(v)]),
  );
}

afterAll(async () => {
  // Work a handler left running (a generation against the unreachable upstream) has time to fail.
  await new Promise((r) => setTimeout(r, 500));
  process.off("unhandledRejection", onRejection);
  if (process.env.FUZZ_REPORT) {
    for (const [route, counts] of statuses)
      console.log(route.padEnd(60), JSON.stringify(Object.fromEntries(counts)));
  }
  expect(rejections, "unhandled rejections while fuzzing").toEqual([]);
});

interface Input {
  method: string;
  params: Record<string, string | string[]>;
  query: string;
  body: string;
  headers: Record<string, string>;
  auth: "real" | "none" | "junk";
  junk: string;
}

function inputFor(route: RouteFile, methods: string[]): fc.Arbitrary<Input> {
  const params: fc.Arbitrary<Record<string, string | string[]>> = fc.record(
    Object.fromEntries(
      route.params.map((p) => [
        p.name,
        p.catchAll
          ? fc.oneof(
              fc.constantFrom(...AUTH_PATHS),
              fc.array(hostileParam(["x"]), { minLength: 1, maxLength: 3 }),
            )
          : hostileParam([0, 1, 2, 3].map((n) => `@real:${p.name}:${n}`)),
      ]),
    ),
  );
  return fc.record({
    method: fc.constantFrom(...methods),
    params,
    query: hostileQuery(QUERY_NAMES),
    body: hostileBody(EXAMPLES[route.template] ?? {}),
    // Half the runs send honest headers, so the body is what gets tested.
    headers: fc.oneof(fc.constant({ "content-type": "application/json" }), hostileHeaders),
    auth: fc.oneof(
      { weight: 8, arbitrary: fc.constant("real" as const) },
      { weight: 1, arbitrary: fc.constantFrom("none" as const, "junk" as const) },
    ),
    junk: nastyString.filter((s) => s.length < 300),
  });
}

/** The Request a client would send; null when no client could send it (an illegal header value). */
function requestFor(route: RouteFile, input: Input): Request | null {
  const isV1 = route.template.startsWith("/v1") || route.template.startsWith("/api/v1");
  const pathname = route.template.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const value = input.params[name]!;
    return (Array.isArray(value) ? value : [value]).map(encodeURIComponent).join("/");
  });
  try {
    const headers = new Headers({ origin: ORIGIN, ...input.headers });
    if (input.auth === "junk") {
      headers.set("authorization", `Bearer ${input.junk}`);
      headers.set("cookie", `better-auth.session_token=${encodeURIComponent(input.junk)}`);
    } else if (input.auth === "real") {
      if (isV1) headers.set("authorization", `Bearer ${apiKey}`);
      else headers.set("cookie", route.template.startsWith("/api/auth") ? authCookie : cookie);
    }
    const hasBody = !["GET", "HEAD"].includes(input.method);
    return new Request(`${ORIGIN}${pathname}${input.query}`, {
      method: input.method,
      headers,
      body: hasBody ? input.body : undefined,
    });
  } catch {
    return null;
  }
}

/** The body, or what arrived of it before a stream that does not end by itself is cut. */
async function readSome(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 1_000;
  for (;;) {
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, deadline - Date.now()))),
    ]);
    if (next === null) {
      await reader.cancel();
      return text;
    }
    if (next.done) return text;
    text += decoder.decode(next.value, { stream: true });
  }
}

function checkErrorShape(route: RouteFile, res: Response, text: string) {
  if (res.status < 400 || res.status === 499 || !text) return;
  const body = JSON.parse(text) as { error?: Record<string, unknown>; message?: unknown };
  if (route.template.startsWith("/api/auth")) {
    // Better Auth's own routes answer in its shape, { code?, message }.
    expect(typeof body.message === "string" || typeof body.error === "object").toBe(true);
  } else if (route.template.startsWith("/v1") || route.template.startsWith("/api/v1")) {
    expect(Object.keys(body.error!).sort()).toEqual(["code", "message", "param", "type"]);
    expect(typeof body.error!.message).toBe("string");
    expect(typeof body.error!.type).toBe("string");
    expect(["string", "object"]).toContain(typeof body.error!.param);
    expect(["string", "object"]).toContain(typeof body.error!.code);
  } else {
    expect(typeof body.error!.code).toBe("string");
    expect(typeof body.error!.message).toBe("string");
  }
}

/**
 * The methods a route file exports, read from its source (the module itself is
 * imported only once the database is set up), the refusing 405s apart.
 */
function exportedMethods(file: string): { served: string[]; refused: string[] } {
  let source = fs.readFileSync(file, "utf8");
  const reexport = /from "@\/(app\/[^"]+)"/.exec(source);
  if (reexport)
    source = fs.readFileSync(path.resolve(import.meta.dirname, "../..", `${reexport[1]}.ts`), "utf8");
  const refusedList = /export const \{([^}]*)\} = methodNotAllowed/.exec(source)?.[1] ?? "";
  const refused = METHODS.filter((m) => new RegExp(`\\b${m}\\b`).test(refusedList));
  const served = METHODS.filter((m) => !refused.includes(m) && new RegExp(`\\b${m}\\b`).test(source));
  return { served, refused };
}

describe.each(ROUTES)("$template", (route) => {
  const { served, refused } = exportedMethods(route.file);
  // Most runs go to the methods the route serves; a few check the 405s.
  const methods = [...served, ...served, ...served, ...served, ...refused];

  test.prop([inputFor(route, methods)], {
    numRuns: RUNS,
    interruptAfterTimeLimit: TIME_LIMIT_MS,
    markInterruptAsFailure: false,
  })("answers hostile input without a 500", async (input) => {
    const routeModule = (await import(route.file)) as Partial<Record<string, Handler>>;
    const handler = routeModule[input.method];
    if (!handler) return; // Next.js answers a method a route does not export.
    const params = resolveParams(input.params, input.method);
    const req = requestFor(route, { ...input, params });
    fc.pre(req !== null);
    const res = await handler(req!, { params: Promise.resolve(params) });
    const text = await readSome(res);
    const counts = statuses.get(`${input.method} ${route.template}`) ?? new Map<number, number>();
    statuses.set(
      `${input.method} ${route.template}`,
      counts.set(res.status, (counts.get(res.status) ?? 0) + 1),
    );
    const detail = `${input.method} ${req!.url} → ${res.status} ${text.slice(0, 300)}`;
    expect(res.status, detail).not.toBe(500);
    expect(res.status < 500 || UPSTREAM_DOWN.includes(res.status), detail).toBe(true);
    checkErrorShape(route, res, text);
  });
});
