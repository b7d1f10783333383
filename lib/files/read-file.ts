import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { uploadsDir } from "./save-upload";

/**
 * A file for its owner: images inline with their real type, everything else
 * as a download. Another user's file, or an unknown id: 404.
 */
export async function fileResponse(input: { userId: string; fileId: string }): Promise<Response> {
  const notFound = new AppError("not_found", "No such file.");
  if (!z.uuid().safeParse(input.fileId).success) throw notFound;
  const f = schema.file;
  const [row] = await db()
    .select()
    .from(f)
    .where(and(eq(f.id, input.fileId), eq(f.userId, input.userId)));
  if (!row) throw notFound;
  const bytes = await fs.readFile(path.join(uploadsDir(), row.storageName)).catch(() => {
    throw notFound;
  });
  const inline = row.kind === "image";
  const ascii = row.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(bytes, {
    headers: {
      "content-type": inline ? row.mime : "application/octet-stream",
      "content-disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=3600",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
