export type Sniffed =
  | { kind: "image"; mime: "image/png" | "image/jpeg" | "image/gif" | "image/webp" }
  | { kind: "document"; mime: "application/pdf" | "text/plain" };

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * What a file is, from its first bytes, whatever its name says. Text means
 * valid UTF-8 with no NUL byte (Markdown, CSV, source code...). Anything else
 * is refused.
 */
export function sniffFile(bytes: Uint8Array): Sniffed | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const ascii = (offset: number, s: string) => [...s].every((c, i) => bytes[offset + i] === c.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: "image", mime: "image/png" };
  if (starts(0xff, 0xd8, 0xff)) return { kind: "image", mime: "image/jpeg" };
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return { kind: "image", mime: "image/gif" };
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return { kind: "image", mime: "image/webp" };
  if (ascii(0, "%PDF-")) return { kind: "document", mime: "application/pdf" };
  if (bytes.length > 0 && !bytes.includes(0)) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return { kind: "document", mime: "text/plain" };
    } catch {
      return null;
    }
  }
  return null;
}
