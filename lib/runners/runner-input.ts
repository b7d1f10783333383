import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";

/**
 * A runner's name is shown beside its models and is the prefix of an
 * OpenAI-compatible runner's model ids ("openrouter/gpt-4o"), so it holds
 * no "/" and no spaces.
 */
export const runnerName = storableText({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(40, "at most 40 characters")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    "letters, digits, '-', '_' and '.' only, starting with a letter or digit",
  );

/** An http(s) URL without credentials, query or fragment, kept without its trailing slash. */
export const runnerBaseUrl = storableText({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(500, "at most 500 characters")
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a URL such as http://192.168.1.20:11434" });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "must start with http:// or https://" });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({
        code: "custom",
        message: "must not contain a user name or password; use the API key field",
      });
      return z.NEVER;
    }
    if (url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: "must not contain a query string or fragment" });
      return z.NEVER;
    }
    return url.toString().replace(/\/+$/, "");
  });

/** Sent as a Bearer token; stored sealed, never shown again. */
const apiKey = storableText().trim().min(1, "must not be empty").max(4096, "at most 4096 characters");

export const createRunnerInput = z.object({
  name: runnerName,
  kind: z.enum(["ollama", "openai"], { error: "must be ollama or openai" }),
  baseUrl: runnerBaseUrl,
  apiKey: apiKey.nullish(),
  enabled: z.boolean().optional(),
});

export const updateRunnerInput = z
  .object({
    name: runnerName.optional(),
    baseUrl: runnerBaseUrl.optional(),
    /** A new key, or null to remove it; absent leaves it as it is. */
    apiKey: apiKey.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
