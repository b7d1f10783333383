import type { ChatRequest, CompletionRequest, Sampling } from "../types";

/** Translates a runner chat request into the body of Ollama's POST /api/chat. */
export function toOllamaChatBody(req: ChatRequest): Record<string, unknown> {
  const options = ollamaOptions(req);

  const body: Record<string, unknown> = {
    model: req.model,
    stream: true,
    messages: req.messages.map((m) => {
      const out: Record<string, unknown> = { role: m.role, content: m.content };
      if (m.images?.length) out.images = m.images;
      if (m.reasoning) out.thinking = m.reasoning;
      if (m.toolCalls?.length) {
        out.tool_calls = m.toolCalls.map((c) => ({
          function: { name: c.name, arguments: parseArguments(c.arguments) },
        }));
      }
      if (m.role === "tool" && m.name) out.tool_name = m.name;
      return out;
    }),
  };
  // Ollama has no tool_choice: "none" is honoured by not offering the tools.
  if (req.tools?.length && req.toolChoice !== "none") {
    body.tools = req.tools.map((t) => ({
      type: "function",
      function: {
        name: t.name,
        description: t.description ?? "",
        parameters: t.parameters ?? { type: "object", properties: {} },
      },
    }));
  }
  if (req.format) body.format = req.format;
  if (req.think !== undefined) body.think = req.think;
  if (Object.keys(options).length) body.options = options;
  return body;
}

/** The body of Ollama's POST /api/generate for a legacy completion (the model's template applies, as in Ollama's own /v1/completions). */
export function toOllamaGenerateBody(req: CompletionRequest): Record<string, unknown> {
  const options = ollamaOptions(req);
  const body: Record<string, unknown> = { model: req.model, prompt: req.prompt, stream: true };
  if (Object.keys(options).length) body.options = options;
  return body;
}

/** The sampling options both endpoints share. */
function ollamaOptions(req: Sampling): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (req.temperature !== undefined) options.temperature = req.temperature;
  if (req.topP !== undefined) options.top_p = req.topP;
  if (req.maxTokens !== undefined) options.num_predict = req.maxTokens;
  if (req.stop?.length) options.stop = req.stop;
  if (req.seed !== undefined) options.seed = req.seed;
  if (req.presencePenalty !== undefined) options.presence_penalty = req.presencePenalty;
  if (req.frequencyPenalty !== undefined) options.frequency_penalty = req.frequencyPenalty;
  return options;
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || "{}");
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
