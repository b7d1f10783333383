import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { errorResponse, route } from "@/lib/http/route";
import { normalOrigin, trustedOrigins } from "@/lib/http/trusted-origins";
import type { EmbedRow } from "./embed-view";
import { findEmbedByKey } from "./find-embed-by-key";
import { VISITOR_HEADER, visitorId } from "./schemas";

export interface EmbedVisitor {
  embed: EmbedRow;
  /** SHA-256 of embed id and visitor id: the conversation's owner, never the id itself. */
  visitorHash: string;
}

type Params = Record<string, string>;
type VisitorHandler<P extends Params> = (
  req: Request,
  ctx: { visitor: EmbedVisitor; params: P; requestId: string },
) => Promise<Response>;

export const UNAVAILABLE_MESSAGE = "This chat is unavailable right now. Please try again later.";

/**
 * The guard for /api/embed/*, the only routes a publishable key opens: the
 * key (Authorization: Bearer pk_...), then the browser's origin (one the embed
 * allows, or Hearth's own page framed by one of them), then the visitor id.
 * It never reads a cookie: a visitor is anonymous, and a signed-in owner
 * visiting a site with the embed is a visitor like any other.
 */
export function withEmbedVisitor<P extends Params = Record<string, never>>(handler: VisitorHandler<P>) {
  return route<{ params: Promise<P> }>(async (req, ctx) => {
    const cors = corsHeaders(req);
    let res: Response;
    try {
      const embed = await authorize(req);
      const id = visitorId.safeParse(req.headers.get(VISITOR_HEADER) ?? "");
      if (!id.success) {
        throw new AppError(
          "bad_request",
          `Send the visitor's id in ${VISITOR_HEADER}: ${id.error.issues[0]?.message}`,
        );
      }
      const visitorHash = createHash("sha256").update(`${embed.id}:${id.data}`).digest("hex");
      const params = ((await ctx.params) ?? {}) as P;
      res = await handler(req, { visitor: { embed, visitorHash }, params, requestId: ctx.requestId });
    } catch (err) {
      res = errorResponse(err, ctx.requestId, req);
    }
    for (const [name, value] of Object.entries(cors)) res.headers.set(name, value);
    return res;
  });
}

async function authorize(req: Request): Promise<EmbedRow> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  if (!match) {
    throw new AppError("unauthorized", "Send the embed's publishable key as Authorization: Bearer pk_...");
  }
  const found = await findEmbedByKey(match[1]!);
  if (!found) throw new AppError("unauthorized", "This chat is unavailable: its key is not valid.");
  if (!originAllowed(req, found.embed)) {
    throw new AppError(
      "forbidden",
      "This site may not use this chat. Its owner can add the site's origin to the embed under Settings → Embeds.",
    );
  }
  if (found.unavailable) throw new AppError("forbidden", UNAVAILABLE_MESSAGE);
  return found.embed;
}

/**
 * A browser always says where a request comes from: `Origin` on cross-origin
 * requests and on POSTs, else `Sec-Fetch-Site`. Hearth's own /embed/chat page
 * is allowed (its frame-ancestors admit only the embed's origins); so are the
 * embed's origins themselves, for a site drawing its own chat.
 */
function originAllowed(req: Request, embed: EmbedRow): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return req.headers.get("sec-fetch-site") === "same-origin";
  const normal = normalOrigin(origin);
  if (!normal) return false;
  return embed.allowedOrigins.includes(normal) || trustedOrigins(req.headers).includes(normal);
}

/**
 * No cookies are sent or read, so any origin may read the answers (a refused
 * site sees why); the key and origin checks above decide what is allowed.
 */
function corsHeaders(req: Request): Record<string, string> {
  const origin = req.headers.get("origin");
  if (!origin) return {};
  return { "access-control-allow-origin": origin, vary: "Origin" };
}

/** The preflight of a cross-origin call: which headers and methods may be sent; the call itself is checked. */
export function embedPreflight(req: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(req),
      "access-control-allow-methods": "GET, POST",
      "access-control-allow-headers": `authorization, content-type, last-event-id, ${VISITOR_HEADER}`,
      "access-control-max-age": "600",
    },
  });
}
