/**
 * Fault switches: ways a real Ollama misbehaves that the gateway must survive,
 * and (the last three) ways other OpenAI-compatible servers shape their /v1
 * streams differently from Ollama. Each request reads a snapshot of the
 * switches when it arrives, so changing them mid-stream never alters a
 * response that is already under way.
 */
export interface Faults {
  /** Delay before the first token (prompt evaluation time), in ms. */
  firstTokenDelayMs: number;
  /** Token pacing; 0 sends every token as fast as the socket takes them. */
  tokensPerSecond: number;
  /**
   * After this many tokens, send an error instead of the rest. With 0 (nothing
   * written yet) it is an HTTP 500, as Ollama does; later it is an `{"error"}`
   * line (an SSE `data: {"error": {...}}` on /v1) while the status stays 200.
   */
  errorAfterTokens?: number;
  /** After this many tokens, destroy the socket: no final line, no clean end. */
  dropAfterTokens?: number;
  /**
   * Reset this many requests that arrive on a kept-alive connection (one that
   * already carried a request), before reading them: what a client sees when
   * the server's idle timeout closed the connection just as it was reused.
   */
  resetReusedConnections?: number;
  /** Answer every chat/generate request with this status and an `{"error"}` body. */
  httpStatus?: number;
  /** Text of the injected errors (errorAfterTokens, httpStatus). */
  errorMessage: string;
  /** Accept chat/generate requests and never answer them. */
  hang: boolean;
  /** Accept every request (version, tags, ...) and never answer it. */
  hangAll: boolean;
  /** How long a whole pull takes, spread evenly over its progress lines. */
  pullDurationMs: number;
  /**
   * Pulls fail with this `{"error"}` line halfway through their first layer,
   * as when the registry goes away mid-download; the bytes so far are kept,
   * so the next pull resumes.
   */
  pullError?: string;
  /**
   * /v1 streams: send each tool call as OpenAI and vLLM do, a first fragment
   * with id, type, name and empty arguments, then the arguments in this many
   * pieces, each tagged with the call's index. 0 sends each call whole, as Ollama does.
   */
  toolCallFragments: number;
  /** /v1 streams: the delta field for thinking, Ollama's `reasoning` or vLLM's `reasoning_content`. */
  reasoningField: "reasoning" | "reasoning_content";
  /** /v1 streams: no usage chunk even when stream_options.include_usage asks for one. */
  omitStreamUsage: boolean;
}

export const DEFAULT_FAULTS: Readonly<Faults> = {
  firstTokenDelayMs: 0,
  tokensPerSecond: 0,
  errorMessage: "an error was encountered while running the model: unexpected EOF",
  hang: false,
  hangAll: false,
  pullDurationMs: 1000,
  toolCallFragments: 0,
  reasoningField: "reasoning",
  omitStreamUsage: false,
};
