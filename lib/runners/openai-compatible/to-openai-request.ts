import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { CompletionCreateParamsStreaming } from "openai/resources/completions";
import type { ChatMessage, ChatRequest, CompletionRequest, Sampling } from "../types";

/** Translates a runner chat request into a streamed OpenAI chat completion request. */
export function toOpenAIChatBody(req: ChatRequest): ChatCompletionCreateParamsStreaming {
  const body: ChatCompletionCreateParamsStreaming = {
    model: req.model,
    messages: req.messages.map(toOpenAIMessage),
    stream: true,
    // Without it most servers send no token counts at all in a stream.
    stream_options: { include_usage: true },
  };
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({
      type: "function",
      function: {
        name: t.name,
        ...(t.description !== undefined ? { description: t.description } : {}),
        parameters: t.parameters ?? { type: "object", properties: {} },
      },
    }));
    if (req.toolChoice) {
      body.tool_choice =
        typeof req.toolChoice === "string"
          ? req.toolChoice
          : { type: "function", function: { name: req.toolChoice.name } };
    }
  }
  if (req.format === "json") body.response_format = { type: "json_object" };
  else if (req.format) {
    body.response_format = { type: "json_schema", json_schema: { name: "response", schema: req.format } };
  }
  // Only an effort level is sent: reasoning_effort is refused by models that cannot reason,
  // so a plain true/false leaves the choice to the model's default.
  if (typeof req.think === "string") body.reasoning_effort = req.think;
  return Object.assign(body, samplingOf(req));
}

/** A legacy completion, streamed with its token counts. */
export function toOpenAICompletionBody(req: CompletionRequest): CompletionCreateParamsStreaming {
  const body: CompletionCreateParamsStreaming = {
    model: req.model,
    prompt: req.prompt,
    stream: true,
    stream_options: { include_usage: true },
  };
  return Object.assign(body, samplingOf(req));
}

/** The sampling fields chat and legacy completions share. */
function samplingOf(req: Sampling) {
  const out: {
    temperature?: number;
    top_p?: number;
    max_tokens?: number;
    stop?: string[];
    seed?: number;
    presence_penalty?: number;
    frequency_penalty?: number;
    user?: string;
  } = {};
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.topP !== undefined) out.top_p = req.topP;
  // max_tokens rather than max_completion_tokens: llama.cpp, LM Studio and older vLLM know only this one.
  if (req.maxTokens !== undefined) out.max_tokens = req.maxTokens;
  if (req.stop?.length) out.stop = req.stop;
  if (req.seed !== undefined) out.seed = req.seed;
  if (req.presencePenalty !== undefined) out.presence_penalty = req.presencePenalty;
  if (req.frequencyPenalty !== undefined) out.frequency_penalty = req.frequencyPenalty;
  if (req.user !== undefined) out.user = req.user;
  return out;
}

function toOpenAIMessage(m: ChatMessage): ChatCompletionMessageParam {
  switch (m.role) {
    case "system":
      return { role: "system", content: m.content };
    case "tool":
      return { role: "tool", tool_call_id: m.toolCallId ?? "", content: m.content };
    case "assistant":
      return {
        role: "assistant",
        content: m.content || (m.toolCalls?.length ? null : ""),
        ...(m.toolCalls?.length
          ? {
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id,
                type: "function" as const,
                function: { name: c.name, arguments: c.arguments },
              })),
            }
          : {}),
      };
    case "user": {
      if (!m.images?.length) return { role: "user", content: m.content };
      const parts: ChatCompletionContentPart[] = [];
      if (m.content) parts.push({ type: "text", text: m.content });
      for (const image of m.images) {
        parts.push({ type: "image_url", image_url: { url: `data:${imageType(image)};base64,${image}` } });
      }
      return { role: "user", content: parts };
    }
  }
}

/** The image's type from the first bytes of its base64 (the runner interface carries no MIME type). */
function imageType(base64: string): string {
  if (base64.startsWith("/9j/")) return "image/jpeg";
  if (base64.startsWith("R0lGOD")) return "image/gif";
  if (base64.startsWith("UklGR")) return "image/webp";
  return "image/png";
}
