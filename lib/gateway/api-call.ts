/**
 * What a /v1 handler sees of a request and gives back, whichever transport
 * carries it: the node-native fast path (lib/server/v1-routes.ts) or a
 * Next.js route handler (lib/gateway/web-transport.ts). The domain code
 * (validation, errors, chunk encoding, usage) is written once against these.
 */
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseJsonText } from "@/lib/http/read-json";

export interface ApiRequest {
  method: string;
  /** The path, without the query string, as the client sent it. */
  pathname: string;
  /** The query string with its "?", or "". */
  search: string;
  /** A header's value by its lower-case name. */
  header: (name: string) => string | undefined;
  /** The body as text: a 413 as soon as it passes `maxBytes`, whatever Content-Length said. */
  text: (maxBytes: number) => Promise<string>;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  requestId: string;
}

/** Where a streamed answer's bytes go: one call, one socket write. */
export interface StreamSink {
  /** False once the client has not yet taken what was written before: wait for `drained()`. */
  write: (chunk: string | Uint8Array) => boolean;
  /**
   * Resolves when the client has taken what was written (or has gone away),
   * so that an answer is read from the model no faster than the client reads
   * it, and a client that stops reading holds no more than a socket's buffers.
   */
  drained: () => Promise<void>;
}

export type ApiReply =
  | { kind: "json"; status: number; headers: Record<string, string>; body: unknown }
  | { kind: "empty"; status: number; headers: Record<string, string> }
  | {
      kind: "stream";
      status: number;
      headers: Record<string, string>;
      /** Writes the whole stream; resolves when it has ended (the transport then closes it). */
      run: (out: StreamSink) => Promise<void>;
      /** The client went away mid-stream. */
      cancel: () => void;
    }
  /** A web Response from a handler written in that style (withApiKey); the transport pipes it. */
  | { kind: "response"; status: number; headers: Record<string, string>; response: Response };

export type ApiHandler = (req: ApiRequest, params: Record<string, string>) => Promise<ApiReply>;

export function jsonReply(body: unknown, status = 200, headers: Record<string, string> = {}): ApiReply {
  return { kind: "json", status, headers, body };
}

/** The JSON body, at most `maxBytes`, validated: a 400 naming the field at fault. */
export async function readApiJson<S extends z.ZodType>(
  req: ApiRequest,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.infer<S>> {
  return parseJsonText(await req.text(options.maxBytes ?? 1024 * 1024), schema);
}

/** A 413 in the words the app uses everywhere. */
export function bodyTooLarge(maxBytes: number): AppError {
  const mb = maxBytes / (1024 * 1024);
  return new AppError(
    "payload_too_large",
    `The request body is larger than ${mb >= 1 ? `${mb} MB` : `${maxBytes} bytes`}.`,
  );
}
