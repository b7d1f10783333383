"use client";
import { useCallback, useRef, useState } from "react";
import { errorMessage } from "@/lib/client/api";
import type { MessageFile } from "@/lib/client/api-types";
import { uploadFile } from "@/lib/client/chat-api";

/** A file in the composer: uploading, uploaded (with its server record), or refused. */
export interface Attachment {
  key: string;
  name: string;
  size: number;
  /** A local preview for images, while and after uploading. */
  preview: string | null;
  state: "uploading" | "ready" | "error";
  file?: MessageFile;
  error?: string;
}

/** What the file picker offers; the server checks the real type by content. */
export const ACCEPTED_FILES =
  "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/markdown,text/csv,.txt,.md,.csv,.json";

/**
 * The files waiting to go with the next message. Each one uploads as soon as
 * it is added, so sending only has to name their ids.
 */
export function useAttachments() {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  // Keys the files added, as two of them may share a name.
  const added = useRef(0);

  const add = useCallback((files: Iterable<File>) => {
    for (const file of files) {
      const key = `attachment-${++added.current}`;
      const preview = file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
      setAttachments((current) => [
        ...current,
        { key, name: file.name || "Pasted image", size: file.size, preview, state: "uploading" },
      ]);
      uploadFile(file).then(
        (saved) =>
          setAttachments((current) =>
            current.map((a) => (a.key === key ? { ...a, state: "ready", file: saved } : a)),
          ),
        (err: unknown) =>
          setAttachments((current) =>
            current.map((a) => (a.key === key ? { ...a, state: "error", error: errorMessage(err) } : a)),
          ),
      );
    }
  }, []);

  const remove = useCallback((key: string) => {
    setAttachments((current) => {
      const gone = current.find((a) => a.key === key);
      if (gone?.preview) URL.revokeObjectURL(gone.preview);
      return current.filter((a) => a.key !== key);
    });
  }, []);

  const clear = useCallback(() => setAttachments([]), []);

  const uploading = attachments.some((a) => a.state === "uploading");
  const ready = attachments.flatMap((a) => (a.state === "ready" && a.file ? [a.file] : []));
  return { attachments, add, remove, clear, uploading, ready };
}

export type Attachments = ReturnType<typeof useAttachments>;
