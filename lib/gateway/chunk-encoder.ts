import { sseFrame } from "@/lib/http/sse";
import type { ChatEvent, FinishReason, Usage } from "@/lib/runners/types";

/**
 * Writes chat.completion.chunk frames for one stream. Everything but the
 * delta is the same on every chunk, so it is serialised once: per token only
 * the delta is stringified, and the frame is one concatenation (JSON holds no
 * raw newline, so it is always a single `data:` line).
 */
export function chunkEncoder(options: { id: string; created: number; model: string; includeUsage: boolean }) {
  const head = `data: {"id":${JSON.stringify(options.id)},"object":"chat.completion.chunk","created":${options.created},"model":${JSON.stringify(options.model)},"system_fingerprint":null,"choices":[{"index":0,"delta":`;
  const usageTail = options.includeUsage ? `,"usage":null` : "";
  const tail = `,"logprobs":null,"finish_reason":null}]${usageTail}}\n\n`;
  const frame = (delta: string, finishReason: FinishReason | null = null) =>
    finishReason
      ? `${head}${delta},"logprobs":null,"finish_reason":"${finishReason}"}]${usageTail}}\n\n`
      : head + delta + tail;

  return {
    opening: () => frame(`{"role":"assistant","content":""}`),
    /** The frames for a batch of runner events, as one string. */
    events(batch: ChatEvent[]): string {
      let out = "";
      for (const e of batch) {
        if (e.type === "content") out += head + '{"content":' + JSON.stringify(e.text) + "}" + tail;
        else if (e.type === "reasoning") out += frame(`{"reasoning":${JSON.stringify(e.text)}}`);
        else if (e.type === "tool_call") {
          const call = {
            index: e.index,
            id: e.call.id,
            type: "function",
            function: { name: e.call.name, arguments: e.call.arguments },
          };
          out += frame(`{"tool_calls":[${JSON.stringify(call)}]}`);
        } else if (e.type === "done") out += frame("{}", e.finishReason);
      }
      return out;
    },
    /** The extra chunk `stream_options.include_usage` asks for: no choices, the counts. */
    usage(u: Usage): string {
      const body = {
        id: options.id,
        object: "chat.completion.chunk",
        created: options.created,
        model: options.model,
        system_fingerprint: null,
        choices: [],
        usage: toOpenAIUsage(u),
      };
      return sseFrame(JSON.stringify(body));
    },
  };
}

export function toOpenAIUsage(u: Usage) {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
  };
}
