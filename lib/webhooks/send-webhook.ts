import "server-only";
import type { LookupFunction } from "node:net";
import { Agent, request } from "undici";
import { Webhook } from "standardwebhooks";
import { literalAddress, resolveCheckedHost, type AddressPolicy } from "@/lib/security/outbound-address";

/** A receiver gets this long to answer (connect, headers and the excerpt read). */
export const DELIVERY_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1024;

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string;
  /** Why no 2xx, in words for the delivery log (never a stack trace). */
  error: string | null;
}

/**
 * Every connection resolves its host through this lookup, which checks each
 * address it returns: the socket then connects to an address that passed,
 * with no second lookup a rebinding DNS server could answer differently.
 */
function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveCheckedHost(hostname, policy).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: Error) => callback(Object.assign(err, { code: "EREFUSED" }), "", 4),
    );
  };
}

const agents = new Map<boolean, Agent>();
function agentFor(policy: AddressPolicy): Agent {
  let agent = agents.get(policy.allowPrivate);
  if (!agent) {
    agent = new Agent({
      connect: { lookup: checkedLookup(policy), timeout: DELIVERY_TIMEOUT_MS },
      headersTimeout: DELIVERY_TIMEOUT_MS,
      bodyTimeout: DELIVERY_TIMEOUT_MS,
      keepAliveTimeout: 4_000,
    });
    agents.set(policy.allowPrivate, agent);
  }
  return agent;
}

/** The three Standard Webhooks headers for this body, signed now. */
export function signedHeaders(input: { id: string; body: string; secret: string; at?: Date }) {
  const at = input.at ?? new Date();
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(input.secret).sign(input.id, at, input.body),
  };
}

/**
 * POSTs one signed delivery: redirects are not followed (a 3xx is a
 * failure), the whole exchange has DELIVERY_TIMEOUT_MS, and only the first
 * kilobyte of the answer is read.
 */
export async function sendWebhook(input: {
  url: string;
  id: string;
  body: string;
  secret: string;
  policy: AddressPolicy;
}): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string, statusCode: number | null = null, responseExcerpt = ""): SendResult => ({
    ok: false,
    statusCode,
    latencyMs: elapsed(),
    responseExcerpt,
    error,
  });
  const url = new URL(input.url);
  try {
    // Names are checked by the agent's lookup; an address in the URL never goes through one.
    if (literalAddress(url.hostname)) await resolveCheckedHost(url.hostname, input.policy);
  } catch (err) {
    return failed(`Refused: ${(err as Error).message}.`);
  }
  try {
    const res = await request(url, {
      method: "POST",
      dispatcher: agentFor(input.policy),
      headers: {
        "content-type": "application/json",
        "user-agent": "Hearth-Webhooks/1",
        ...signedHeaders(input),
      },
      body: input.body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const excerpt = await readExcerpt(res.body);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    if (ok)
      return { ok, statusCode: res.statusCode, latencyMs: elapsed(), responseExcerpt: excerpt, error: null };
    const location = res.statusCode >= 300 && res.statusCode < 400 ? res.headers.location : undefined;
    return failed(
      location
        ? `Redirect to ${String(location).slice(0, 300)} not followed: point the webhook at the final URL.`
        : `The receiver answered HTTP ${res.statusCode}.`,
      res.statusCode,
      excerpt,
    );
  } catch (err) {
    return failed(describeFailure(err));
  }
}

async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= EXCERPT_BYTES) break;
  }
  body.destroy();
  return Buffer.concat(chunks)
    .subarray(0, EXCERPT_BYTES)
    .toString("utf8")
    .replace(/\uFFFD+$/, "");
}

function describeFailure(err: unknown): string {
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const code = e.code ?? e.cause?.code;
  if (
    e.name === "RefusedAddressError" ||
    (e.cause instanceof Error && e.cause.name === "RefusedAddressError")
  )
    return `Refused: ${e.name === "RefusedAddressError" ? e.message : e.cause!.message}.`;
  if (code === "EREFUSED") return `Refused: ${e.message ?? "address not allowed"}.`;
  if (e.name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT")
    return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`;
  if (code === "ECONNREFUSED") return "The connection was refused.";
  if (code === "ENOTFOUND") return "The host name could not be resolved.";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET")
    return "The connection was closed before an answer.";
  if (code && /^ERR_TLS|CERT|SSL/.test(code)) return `TLS failed (${code}).`;
  return code ? `The request failed (${code}).` : "The request failed.";
}
