import { visitorSendInput } from "@/lib/embeds/schemas";
import { sendVisitorMessage } from "@/lib/embeds/send-visitor-message";
import { embedPreflight, withEmbedVisitor } from "@/lib/embeds/with-embed-visitor";
import { clientIp } from "@/lib/http/client-ip";
import { readJson } from "@/lib/http/read-json";

/** A visitor's message; the answer is generated in the server and followed at .../stream. */
export const POST = withEmbedVisitor(async (req, { visitor }) => {
  const { content } = await readJson(req, visitorSendInput, { maxBytes: 64 * 1024 });
  const sent = await sendVisitorMessage({ visitor, content, ip: clientIp(req.headers) });
  return Response.json(sent, { status: 201 });
});

export const OPTIONS = embedPreflight;
