import "server-only";
import { AppError } from "@/lib/errors";
import { exportChats, toCsvExport, toJsonExport, toMarkdownExport } from "./export-chats";

const TYPES = {
  json: ["application/json; charset=utf-8", "json"],
  markdown: ["text/markdown; charset=utf-8", "md"],
  csv: ["text/csv; charset=utf-8", "csv"],
} as const;

/** A download of one chat (JSON: the whole tree; Markdown: the branch shown; CSV: every message) or of all chats. */
export async function exportResponse(input: {
  userId: string;
  chatId?: string;
  format: string | null;
}): Promise<Response> {
  const format = (input.format ?? "json") as keyof typeof TYPES;
  if (!Object.hasOwn(TYPES, format) || (format === "markdown" && !input.chatId)) {
    throw new AppError("bad_request", `format: must be json, ${input.chatId ? "markdown " : ""}or csv`, {
      param: "format",
    });
  }
  let body: string;
  let name = "hearth-chats";
  if (format === "markdown") body = await toMarkdownExport({ userId: input.userId, chatId: input.chatId! });
  else {
    const chats = await exportChats(input);
    if (input.chatId) name = `hearth-${slug(chats[0]?.title ?? "chat")}`;
    body = format === "csv" ? toCsvExport(chats) : toJsonExport(chats);
  }
  if (format === "markdown" && input.chatId) name = `hearth-${slug(body.split("\n")[0]!.replace(/^# /, ""))}`;
  const [type, ext] = TYPES[format];
  return new Response(body, {
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="${name}.${ext}"`,
      "cache-control": "no-store",
      // Saved, never rendered: a browser must not sniff hostile text in a chat into HTML.
      "x-content-type-options": "nosniff",
    },
  });
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 50) || "chat"
  );
}
