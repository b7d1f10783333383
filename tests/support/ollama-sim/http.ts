/** Small response helpers and the state every route handler gets. */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { Faults } from "./faults";
import type { GenerationTracker } from "./generation";
import type { Catalogue } from "./models";
import type { SimPull } from "./pull";

const JSON_TYPE = "application/json; charset=utf-8";
export const NDJSON_TYPE = "application/x-ndjson";

/** One request as the simulator received it; `body` is parsed JSON, or the raw text when it is not JSON. */
export interface SimRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface SimContext {
  catalogue: Catalogue;
  tracker: GenerationTracker;
  /** The fault snapshot taken when this request arrived. */
  faults: Faults;
  /** hrtime at arrival, for total_duration. */
  startedAt: bigint;
  plannedReplies: ReadonlyMap<string, string>;
  /** Every pull received, appended to as it goes. */
  pulls: SimPull[];
}

export type Handler = (ctx: SimContext, req: SimRequest, res: ServerResponse) => void;

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "Content-Type": JSON_TYPE, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** Ollama's native error shape. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

export function sendNotFound(res: ServerResponse): void {
  res.writeHead(404, { "Content-Type": "text/plain", "Content-Length": 18 });
  res.end("404 page not found");
}

/** The request body as a JSON object, or the 400 message Ollama would give for it. */
export function objectBody(req: SimRequest): { body: Record<string, unknown> } | { error: string } {
  if (req.body === undefined) return { error: "missing request body" };
  if (typeof req.body === "string") return { error: "invalid character in request body: not valid JSON" };
  if (!isRecord(req.body)) return { error: "json: cannot unmarshal request body into an object" };
  return { body: req.body };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
