/**
 * The /v1 fast path's route table: every OpenAI-compatible endpoint, served
 * natively in front of Next.js (same answers under /api/v1). A handler written
 * against the domain's ApiRequest/ApiReply mounts with `native(...)`; one
 * written with web Request/Response (withApiKey) mounts with `web(...)`.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { chatCompletions } from "@/lib/gateway/chat-completions";
import { completions } from "@/lib/gateway/completions";
import { embeddings } from "@/lib/gateway/embeddings";
import { getModel, listModels } from "@/lib/gateway/list-models";
import type { OpenAIErrorBody } from "@/lib/gateway/openai-error";
import { createResponse } from "@/lib/gateway/responses/create-response";
import { deleteStoredResponse, getStoredResponse } from "@/lib/gateway/responses/stored-response";
import { guardApiKey } from "@/lib/gateway/with-api-key";
import { FAST_PATH_HEADER, native, type NodeHandler } from "./node-transport";

type Method = "GET" | "POST" | "DELETE";

const ROUTES: [path: string, methods: Partial<Record<Method, NodeHandler>>][] = [
  ["/chat/completions", { POST: native(guardApiKey(chatCompletions)) }],
  ["/embeddings", { POST: native(guardApiKey(embeddings)) }],
  ["/models", { GET: native(guardApiKey(listModels)) }],
  ["/models/:id", { GET: native(guardApiKey(getModel)) }],
  ["/responses", { POST: native(guardApiKey(createResponse)) }],
  [
    "/responses/:id",
    { GET: native(guardApiKey(getStoredResponse)), DELETE: native(guardApiKey(deleteStoredResponse)) },
  ],
  ["/completions", { POST: native(guardApiKey(completions)) }],
  // A handler written with web Request/Response (withApiKey) would mount with `web(...)` from
  // ./node-transport instead; path params arrive URL-encoded (decodePathParam).
];

interface CompiledRoute {
  regex: RegExp;
  names: string[];
  methods: Partial<Record<Method, NodeHandler>>;
  allow: string;
}

const COMPILED: CompiledRoute[] = ROUTES.map(([path, methods]) => {
  const names: string[] = [];
  const pattern = path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  const served = Object.keys(methods);
  return {
    regex: new RegExp(`^(?:/api)?/v1${pattern}/?$`),
    names,
    methods,
    allow: [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", "),
  };
});

function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: 404 | 405,
  error: OpenAIErrorBody["error"],
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify({ error });
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-request-id": randomUUID(),
    [FAST_PATH_HEADER]: "fast",
  });
  res.end(text);
}

/** Serves one /v1 or /api/v1 request; an unknown path or method gets OpenAI's error, never a page. */
export async function serveV1(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const method = req.method ?? "GET";
  for (const route of COMPILED) {
    const match = route.regex.exec(path);
    if (!match) continue;
    const handler = route.methods[(method === "HEAD" ? "GET" : method) as Method];
    if (handler) {
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = match[i + 1]!));
      return handler(req, res, params);
    }
    if (method === "OPTIONS") {
      res.writeHead(204, { allow: route.allow, [FAST_PATH_HEADER]: "fast" });
      return void res.end();
    }
    const served = Object.keys(route.methods).join(" or ");
    return refuse(
      req,
      res,
      405,
      {
        message: `${method} is not supported on ${path}; use ${served}.`,
        type: "invalid_request_error",
        param: null,
        code: "method_not_allowed",
      },
      { allow: route.allow },
    );
  }
  // OpenAI's own wording, so clients and people recognise it.
  refuse(req, res, 404, {
    message: `Invalid URL (${method} ${path})`,
    type: "invalid_request_error",
    param: null,
    code: "unknown_url",
  });
}

export { flushUsage } from "@/lib/usage/record-usage";
export { stopVerifiedKeyCache } from "@/lib/keys/verified-key-cache";
