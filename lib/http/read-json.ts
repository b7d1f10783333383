import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Reads a JSON body of at most `maxBytes` and validates it. Refuses early on a
 * declared length over the limit, and stops reading once the limit is passed,
 * so an oversized body costs little. Errors name the field at fault.
 */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  options: { maxBytes?: number; /** An empty body reads as `{}`. */ allowEmpty?: boolean } = {},
): Promise<z.infer<S>> {
  return parseJsonText(await readText(req, options.maxBytes ?? 1024 * 1024), schema, options);
}

/** Text already read, parsed as JSON and validated: a 400 naming the field at fault. */
export function parseJsonText<S extends z.ZodType>(
  text: string,
  schema: S,
  options: { /** An empty body reads as `{}`. */ allowEmpty?: boolean } = {},
): z.infer<S> {
  let data: unknown;
  if (options.allowEmpty && text.trim() === "") text = "{}";
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  return validate(schema, data);
}

/**
 * The body as text, at most `maxBytes`: refused at once when the declared
 * length is larger, and cut off (413) as soon as the bytes received pass the
 * limit, whatever Content-Length said or when the body is chunked.
 */
export async function readText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** Validates a URL's query parameters (each read as a string; of a repeated name, the last). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return validate(schema, Object.fromEntries(new URL(req.url).searchParams));
}

/** Data that fits the schema, or a 400 naming the field at fault. */
function validate<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path.map(String).join(".") || undefined;
    throw new AppError("bad_request", param ? `${param}: ${issue.message}` : issue.message, { param });
  }
  return parsed.data;
}

function tooLarge(maxBytes: number) {
  const mb = maxBytes / (1024 * 1024);
  return new AppError(
    "payload_too_large",
    `The request body is larger than ${mb >= 1 ? `${mb} MB` : `${maxBytes} bytes`}.`,
  );
}
