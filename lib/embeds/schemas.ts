import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";

/**
 * The request and response shapes of the embed APIs: the owner's
 * (/api/embeds, session cookie) and the visitor's (/api/embed, publishable
 * key). The routes validate with them and the API document is built from them.
 */

export const EMBED_THEMES = ["light", "dark", "auto"] as const;
export { PUBLISHABLE_KEY_PREFIX, VISITOR_CONVERSATION_MS, VISITOR_HEADER } from "@/lib/shared/embeds";
export const MAX_ALLOWED_ORIGINS = 20;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * An exact origin as browsers send it in `Origin` and as CSP's
 * frame-ancestors matches it: `https://host[:port]`, or plain http for a site
 * on this machine (`http://localhost:3000`). No paths, no wildcards.
 */
export const embedOrigin = z
  .string()
  .trim()
  .min(1, "write an origin such as https://site.example")
  .max(300)
  .transform((value, ctx) => {
    const problem = (message: string) => {
      ctx.addIssue({ code: "custom", message: `${value}: ${message}` });
      return z.NEVER;
    };
    if (value.includes("*")) return problem("wildcards are not allowed; list each site's exact origin");
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return problem("not an origin; write it as https://site.example");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return problem("must start with https://");
    if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
      return problem("plain http is allowed only for localhost; use https://");
    }
    if (url.username || url.password) return problem("must not contain a user name or password");
    const rest = value.replace(/^[a-z]+:\/\/[^/?#]*/i, "");
    if (rest !== "" && rest !== "/") return problem("only the origin, without a path, query or #fragment");
    return url.origin;
  });

export const embedSettingsInput = z.object({
  name: storableText().trim().min(1, "give the embed a name").max(100, "at most 100 characters"),
  allowedOrigins: z
    .array(embedOrigin)
    .min(1, "add at least one allowed origin")
    .max(MAX_ALLOWED_ORIGINS, `at most ${MAX_ALLOWED_ORIGINS} origins`)
    .transform((origins) => [...new Set(origins)]),
  model: storableText().trim().min(1, "choose a model").max(200),
  systemPrompt: storableText().max(20_000, "at most 20,000 characters").nullish(),
  greeting: storableText().max(1_000, "at most 1,000 characters").nullish(),
  theme: z.enum(EMBED_THEMES).default("auto"),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "a colour such as #e8590c")
    .transform((c) => c.toLowerCase())
    .default("#e8590c"),
  visitorRequestsPerMinute: z.int().min(1, "at least 1").max(600, "at most 600").default(10),
  dailyTokenBudget: z.int().min(1, "at least 1 token").max(1_000_000_000).nullish(),
});
export type EmbedSettingsInput = z.input<typeof embedSettingsInput>;

export const createEmbedInput = embedSettingsInput;
export const updateEmbedInput = embedSettingsInput.partial();

export const embedView = z.object({
  id: z.uuid(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  model: z.string(),
  systemPrompt: z.string().nullable(),
  greeting: z.string().nullable(),
  theme: z.enum(EMBED_THEMES),
  accentColor: z.string(),
  visitorRequestsPerMinute: z.int(),
  dailyTokenBudget: z.int().nullable(),
  /** Publishable: it goes into the site's HTML, so the owner can always copy it. */
  publishableKey: z.string().describe("pk_… — public by design; it can only chat through this embed"),
  keyRevoked: z.boolean(),
  tokensToday: z.int(),
  conversations: z.int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type EmbedView = z.infer<typeof embedView>;
export const embedList = z.object({ data: z.array(embedView) });

export const embedConversationSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  /** A short, stable label for the anonymous visitor (not their id). */
  visitor: z.string(),
  messages: z.int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type EmbedConversationSummary = z.infer<typeof embedConversationSummary>;
export const embedConversationList = z.object({ data: z.array(embedConversationSummary) });

export const embedMessage = z.object({
  id: z.uuid(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  status: z.enum(["streaming", "complete", "stopped", "error", "interrupted"]),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type EmbedMessage = z.infer<typeof embedMessage>;

export const embedConversationDetail = embedConversationSummary.extend({
  messages: z.array(embedMessage),
});

/** What the visitor's page needs to draw the chat. */
export const embedPublicConfig = z.object({
  name: z.string(),
  greeting: z.string().nullable(),
  theme: z.enum(EMBED_THEMES),
  accentColor: z.string(),
});
export type EmbedPublicConfig = z.infer<typeof embedPublicConfig>;

export const visitorId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "a random id of 16 to 64 letters, digits, - or _");

export const visitorConversation = z.object({
  embed: embedPublicConfig,
  messages: z.array(embedMessage),
});
export type VisitorConversation = z.infer<typeof visitorConversation>;

export const visitorSendInput = z.object({
  content: storableText().trim().min(1, "write a message first").max(8_000, "at most 8,000 characters"),
});
export const visitorSendResult = z.object({ userMessage: embedMessage, assistantMessage: embedMessage });
export type VisitorSendResult = z.infer<typeof visitorSendResult>;

export const embedErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), param: z.string().optional() }),
});
