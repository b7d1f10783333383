import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { config } from "@/lib/config";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, sniffFile } from "./sniff-file";
import { chargeUploadBytes } from "./upload-quota";

export function uploadsDir(): string {
  return path.join(config().dataDir, "uploads");
}

export interface FileView {
  id: string;
  name: string;
  kind: "image" | "document";
  mime: string;
  size: number;
}

/**
 * Where uploads are written while they arrive, moved into uploadsDir() once
 * complete and valid: the same disk (DATA_DIR), so the move is a rename.
 */
export function incomingDir(): string {
  return path.join(config().dataDir, "incoming");
}

/**
 * Checks a received upload by its content, extracts a document's text, moves
 * it into place under a generated name and records the file, unattached. A
 * file that fails any step leaves nothing behind, the temporary file included.
 */
export async function saveUpload(input: {
  userId: string;
  /** The complete file in a temporary place (see incomingDir), and the name the browser gave it. */
  upload: { name: string; tempPath: string };
}): Promise<FileView> {
  const { upload } = input;
  try {
    // At most MAX_DOCUMENT_BYTES: readUpload stopped at that.
    const bytes = new Uint8Array(await fs.readFile(upload.tempPath));
    const sniffed = sniffFile(bytes);
    if (!sniffed) {
      throw new AppError(
        "unprocessable",
        "This kind of file can't be attached. Attach images (PNG, JPEG, WebP, GIF), PDFs or text files.",
      );
    }
    const limit = sniffed.kind === "image" ? MAX_IMAGE_BYTES : MAX_DOCUMENT_BYTES;
    if (bytes.byteLength > limit) {
      throw new AppError(
        "payload_too_large",
        `${sniffed.kind === "image" ? "Images" : "Documents"} can be at most ${limit / 1024 / 1024} MB.`,
      );
    }
    const text = sniffed.kind === "document" ? await documentText(sniffed.mime, bytes) : null;
    await chargeUploadBytes({ userId: input.userId, bytes: bytes.byteLength });
    const storageName = randomUUID();
    await fs.mkdir(uploadsDir(), { recursive: true, mode: 0o700 });
    const file = path.join(uploadsDir(), storageName);
    await fs.rename(upload.tempPath, file);
    try {
      const [row] = await db()
        .insert(schema.file)
        .values({
          userId: input.userId,
          name: cleanName(upload.name),
          kind: sniffed.kind,
          mime: sniffed.mime,
          size: bytes.byteLength,
          storageName,
          text,
        })
        .returning();
      return { id: row!.id, name: row!.name, kind: row!.kind, mime: row!.mime, size: row!.size };
    } catch (err) {
      await fs.rm(file, { force: true });
      throw err;
    }
  } finally {
    await fs.rm(upload.tempPath, { force: true });
  }
}

async function documentText(mime: string, bytes: Uint8Array): Promise<string> {
  if (mime === "text/plain") return new TextDecoder().decode(bytes);
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: true });
    return text;
  } catch {
    throw new AppError("unprocessable", "This PDF could not be read. Is it damaged or password-protected?");
  }
}

/** A display name: no path, no control characters, at most 200 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "file";
}
