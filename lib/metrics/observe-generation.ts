import "server-only";
import type { Usage } from "@/lib/runners/types";
import { metrics, modelLabel } from "./registry";

/** Records one finished /v1 generation: its tokens and time to first token, by model. */
export function observeV1Generation(options: {
  model: string;
  status: number;
  usage: Usage;
  ttftMs: number | null;
}): void {
  const m = metrics();
  const model = modelLabel(m, options.model);
  m.v1Requests.inc({ model, status: String(options.status) });
  if (options.usage.promptTokens) m.v1Tokens.inc({ model, kind: "prompt" }, options.usage.promptTokens);
  if (options.usage.completionTokens)
    m.v1Tokens.inc({ model, kind: "completion" }, options.usage.completionTokens);
  if (options.ttftMs !== null) m.v1Ttft.observe({ model }, options.ttftMs / 1000);
}

/** Counts a /v1 stream open until the returned function is called. */
export function openV1Stream(): () => void {
  const streams = metrics().v1OpenStreams;
  streams.count++;
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    streams.count--;
  };
}
