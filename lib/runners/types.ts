/**
 * One interface for every model backend. The gateway (/v1) and the chat both
 * speak to runners through it; each runner translates to its own wire format.
 */

export type Role = "system" | "user" | "assistant" | "tool";

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, as OpenAI carries it. */
  arguments: string;
}

export interface ChatMessage {
  role: Role;
  content: string;
  /** Base64 image data (no data: prefix) for vision models. */
  images?: string[];
  toolCalls?: ToolCall[];
  toolCallId?: string;
  name?: string;
  reasoning?: string;
}

export interface ToolSpec {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface ChatRequest extends Sampling {
  model: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
  toolChoice?: "auto" | "none" | "required" | { name: string };
  /** "json" for JSON mode, or a JSON schema the answer must follow. */
  format?: "json" | Record<string, unknown>;
  think?: boolean | "low" | "medium" | "high";
}

/** A plain-text completion (legacy /v1/completions): a prompt in, text out. */
export interface CompletionRequest extends Sampling {
  model: string;
  prompt: string;
}

/** What chat and plain completions share: how the next tokens are drawn. */
export interface Sampling {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  user?: string;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export type ChatEvent =
  | { type: "content"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "tool_call"; index: number; call: ToolCall }
  | { type: "done"; finishReason: FinishReason; usage: Usage };

export interface ModelInfo {
  /** The id clients use: Ollama's own name, or "connection/model" for other connections. */
  id: string;
  /** The name the runner knows it by. */
  name: string;
  ownedBy: string;
  createdAt: number;
  capabilities?: string[];
}

export interface EmbedRequest {
  model: string;
  input: string[];
  dimensions?: number;
}

export interface EmbedResult {
  embeddings: number[][];
  promptTokens: number;
}

export interface Runner {
  /** "ollama", or an admin-configured connection name. */
  readonly name: string;
  /**
   * Streams one reply, in batches of the events that arrived together (one
   * event each when the model is slow). Throws RunnerError; stops the
   * upstream when `signal` aborts.
   */
  chat(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatEvent[]>;
  /** Continues a prompt (no chat template roles): content events, then done. Same contract as chat. */
  complete(request: CompletionRequest, signal: AbortSignal): AsyncIterable<ChatEvent[]>;
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  embed(request: EmbedRequest, signal: AbortSignal): Promise<EmbedResult>;
}
