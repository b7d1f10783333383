import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { modelCapabilities } from "@/lib/models/model-capabilities";
import { uploadsDir } from "./save-upload";

/** Refuses images for a model that cannot see them, before anything is stored. */
export async function checkAttachable(input: {
  userId: string;
  fileIds: string[];
  model: string;
}): Promise<void> {
  const f = schema.file;
  const rows = await db()
    .select({ kind: f.kind })
    .from(f)
    .where(and(inArray(f.id, input.fileIds), eq(f.userId, input.userId)));
  if (!rows.some((r) => r.kind === "image")) return;
  const capabilities = await modelCapabilities(input.model);
  if (capabilities && !capabilities.includes("vision")) {
    throw new AppError(
      "bad_request",
      `${input.model} can't see images. Choose a model with vision (for example llava), or remove the image.`,
      { param: "fileIds" },
    );
  }
}

export interface Attachments {
  images: string[];
  documents: { name: string; text: string }[];
}

/** The files sent with these messages: images as base64, documents as their text. */
export async function loadAttachments(messageIds: string[]): Promise<Map<string, Attachments>> {
  const out = new Map<string, Attachments>();
  if (messageIds.length === 0) return out;
  const f = schema.file;
  const rows = await db()
    .select({ messageId: f.messageId, kind: f.kind, name: f.name, text: f.text, storageName: f.storageName })
    .from(f)
    .where(inArray(f.messageId, messageIds))
    .orderBy(f.createdAt);
  for (const r of rows) {
    const entry = out.get(r.messageId!) ?? { images: [], documents: [] };
    if (r.kind === "image") {
      const bytes = await fs.readFile(path.join(uploadsDir(), r.storageName)).catch(() => null);
      if (bytes) entry.images.push(bytes.toString("base64"));
    } else entry.documents.push({ name: r.name, text: r.text ?? "" });
    out.set(r.messageId!, entry);
  }
  return out;
}

/** The message text with each attached document before it, named, as the model's context. */
export function withDocuments(content: string, documents: { name: string; text: string }[]): string {
  if (documents.length === 0) return content;
  const blocks = documents.map((d) => `Attached file "${d.name}":\n"""\n${d.text}\n"""`);
  return `${blocks.join("\n\n")}\n\n${content}`;
}
