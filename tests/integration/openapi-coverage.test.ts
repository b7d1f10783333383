/**
 * The API document cannot drift from the routes: it is a valid OpenAPI 3.1
 * document, and every route handler under app/api and app/v1 (and every
 * route of the /v1 fast path) is in it with each method it serves.
 */
import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestApp } from "../support/test-app";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Served but deliberately left out of the document, each with its reason.
 * Everything else that is served must be documented.
 */
const UNDOCUMENTED: Record<string, string> = {
  // Browsers post Content-Security-Policy violation reports here on their own; no person or script calls it.
  "POST /api/csp-report": "browser CSP reports",
};

interface Document {
  openapi: string;
  components?: unknown;
  paths: Record<string, Record<string, unknown> & { servers?: { url: string }[] }>;
}
let doc: Document;

beforeAll(async () => {
  await setupTestApp();
  const { openApiDocument } = await import("@/lib/openapi/document");
  doc = structuredClone(openApiDocument("http://hearth.test")) as unknown as Document;
});

interface ServedRoute {
  file: string;
  /** In the document's notation: /api/chats/{chatId}. */
  path: string;
  methods: string[];
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The methods a route file serves: its exports, minus those that only answer 405 (methodNotAllowed). */
function servedMethods(source: string): string[] {
  const served = new Set<string>();
  for (const m of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g))
    served.add(m[1]!);
  for (const m of source.matchAll(/export \{([^}]*)\}/g)) {
    for (const name of m[1]!.split(",")) {
      const exported = name
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (METHODS.includes(exported as (typeof METHODS)[number])) served.add(exported!);
    }
  }
  return [...served];
}

function servedRoutes(): ServedRoute[] {
  return ["app/api", "app/v1"].flatMap((top) =>
    routeFiles(path.join(ROOT, top)).map((file) => {
      const rel = path.relative(path.join(ROOT, "app"), path.dirname(file));
      const segments = rel.split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
      const urlPath = "/" + segments.map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}")).join("/");
      let source = fs.readFileSync(file, "utf8");
      // /api/v1/* re-exports /v1/*: the same handlers, documented once with a second server.
      const alias = /from "@\/app\/(v1\/[^"]+)\/route"/.exec(source);
      if (alias) source = fs.readFileSync(path.join(ROOT, "app", alias[1]!, "route.ts"), "utf8");
      return { file: path.relative(ROOT, file), path: urlPath, methods: servedMethods(source) };
    }),
  );
}

/** The fast path's table (lib/server/v1-routes.ts), read from its source: `["/models/:id", { GET: … }]`. */
function fastPathRoutes(): ServedRoute[] {
  const file = "lib/server/v1-routes.ts";
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  const table = source.slice(
    source.indexOf("const ROUTES"),
    source.indexOf("];", source.indexOf("const ROUTES")),
  );
  return [...table.matchAll(/\[\s*"(\/[^"]*)",\s*\{([^}]*)\}/g)].map((m) => ({
    file,
    path: "/v1" + m[1]!.replace(/:(\w+)/g, "{$1}"),
    methods: [...m[2]!.matchAll(/\b(GET|POST|PUT|PATCH|DELETE):/g)].map((x) => x[1]!),
  }));
}

function documentedMethods(urlPath: string): string[] {
  const v1 = /^\/api(\/v1\/.*)$/.exec(urlPath);
  const item = doc.paths[v1 ? v1[1]! : urlPath];
  if (!item) return [];
  if (v1 && !item.servers?.some((s) => s.url.endsWith("/api"))) return [];
  return METHODS.filter((m) => m.toLowerCase() in item);
}

/** A catch-all route (Better Auth's /api/auth/{all}) is covered by any documented path under it. */
function documentedUnder(prefix: string): string[] {
  return METHODS.filter((m) =>
    Object.entries(doc.paths).some(([p, item]) => p.startsWith(prefix + "/") && m.toLowerCase() in item),
  );
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("documents every route and method that is served, or says why not", () => {
    const served = [...servedRoutes(), ...fastPathRoutes()];
    expect(served.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const route of served) {
      const catchAll = /^(.*)\/\{all\}$/.exec(route.path);
      const documented = catchAll ? documentedUnder(catchAll[1]!) : documentedMethods(route.path);
      for (const method of route.methods) {
        const key = `${method} ${route.path}`;
        if (!documented.includes(method) && !(key in UNDOCUMENTED)) missing.push(`${key} (${route.file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("documents nothing that is not served", () => {
    const served = new Set(
      [...servedRoutes(), ...fastPathRoutes()].flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)),
    );
    const extra = Object.entries(doc.paths).flatMap(([p, item]) =>
      METHODS.filter((m) => m.toLowerCase() in item)
        .map((m) => `${m} ${p}`)
        // Better Auth serves these behind its catch-all route.
        .filter((key) => !key.includes(" /api/auth/") && !served.has(key)),
    );
    expect(extra).toEqual([]);
  });

  it("describes every way to authenticate, and OpenAI's errors and rate-limit headers on /v1", () => {
    const schemes = (doc.components as { securitySchemes: Record<string, { type: string; in?: string }> })
      .securitySchemes;
    // An API key and an embed's publishable key as bearer tokens, the session as a cookie.
    expect(
      Object.values(schemes)
        .map((s) => `${s.type}${s.in ? `:${s.in}` : ""}`)
        .sort(),
    ).toEqual(["apiKey:cookie", "http", "http"]);
    const list = doc.paths["/v1/models"]!.get as {
      responses: Record<
        string,
        { headers?: Record<string, unknown>; content?: Record<string, { schema: { $ref?: string } }> }
      >;
    };
    expect(Object.keys(list.responses["200"]!.headers ?? {})).toContain("x-ratelimit-remaining-requests");
    expect(Object.keys(list.responses["429"]!.headers ?? {})).toContain("retry-after");
    expect(list.responses["401"]!.content!["application/json"]!.schema.$ref).toBe(
      "#/components/schemas/OpenAIError",
    );
  });
});
