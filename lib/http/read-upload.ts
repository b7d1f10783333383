import "server-only";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { AppError } from "@/lib/errors";

export interface ReceivedUpload {
  /** The name the browser gave the file: for display only, never a path. */
  name: string;
  /** The complete file, in a temporary place; the caller moves it into place or removes it. */
  tempPath: string;
  size: number;
}

/** Room for the multipart headers and boundaries around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Reads one file from a multipart/form-data body as it streams, straight to a
 * temporary file in `dir`: at most `maxBytes` of it, whatever Content-Length
 * says or whether it says anything. Once the limit is passed it stops reading
 * (413) and removes what was written; memory holds a chunk or two at a time.
 */
export async function readUpload(
  req: Request,
  options: { field: string; maxBytes: number; dir: string; tooLarge: string },
): Promise<ReceivedUpload> {
  const tooLarge = () => new AppError("payload_too_large", options.tooLarge);
  const badForm = () =>
    new AppError("bad_request", `Send the file as multipart/form-data in a field named "${options.field}".`, {
      param: options.field,
    });
  const bodyLimit = options.maxBytes + FORM_OVERHEAD_BYTES;
  if (Number(req.headers.get("content-length") ?? "0") > bodyLimit) throw tooLarge();
  if (!req.body) throw badForm();

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": req.headers.get("content-type") ?? "" },
      limits: { files: 1, fileSize: options.maxBytes, fields: 20, fieldSize: 4096, parts: 30 },
    });
  } catch {
    throw badForm(); // not multipart, or no boundary
  }

  await fs.promises.mkdir(options.dir, { recursive: true, mode: 0o700 });
  const tempPath = path.join(options.dir, randomUUID());
  let failure: AppError | undefined;
  let file: { stream: Readable; out: fs.WriteStream; done: Promise<ReceivedUpload> } | undefined;

  parser.on("file", (name, stream, info) => {
    if (name !== options.field || file) {
      stream.resume(); // not ours: skip it
      return;
    }
    stream.on("limit", () => (failure ??= tooLarge()));
    const out = fs.createWriteStream(tempPath, { flags: "wx", mode: 0o600 });
    const done = pipeline(stream, out).then(() => ({
      name: info.filename ?? "",
      tempPath,
      size: out.bytesWritten,
    }));
    done.catch(() => {});
    file = { stream, out, done };
  });
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", () => reject(badForm())); // malformed multipart
  });
  parsed.catch(() => {});

  const reader = req.body.getReader();
  try {
    let received = 0;
    for (;;) {
      if (failure) throw failure;
      const next = await reader.read().catch((err: unknown) => {
        throw new AppError("bad_request", "The upload was cut off before it finished.", { cause: err });
      });
      if (next.done) break;
      received += next.value.byteLength;
      if (received > bodyLimit) throw tooLarge();
      // Waits while the disk catches up, so memory never holds more than busboy's buffer.
      if (!parser.write(next.value))
        await Promise.race([new Promise((r) => parser.once("drain", r)), parsed]);
    }
    parser.end();
    await parsed;
    if (failure) throw failure;
    if (!file) throw badForm();
    const upload = await file.done;
    if (failure) throw failure;
    return upload;
  } catch (err) {
    await reader.cancel().catch(() => {});
    parser.destroy();
    if (file) {
      file.stream.destroy();
      file.out.destroy();
      if (!file.out.closed) await once(file.out, "close").catch(() => {});
    }
    await fs.promises.rm(tempPath, { force: true });
    throw err;
  }
}
