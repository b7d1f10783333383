/**
 * Ollama simulator: a small HTTP server speaking Ollama's native API and its
 * OpenAI-compatible surface, with deterministic output and switchable faults.
 * Start one per test file with startOllamaSim(); `npm run sim:ollama` runs one by hand.
 */
export { startOllamaSim, type OllamaSim, type OllamaSimOptions } from "./server";
export { DEFAULT_FAULTS, type Faults } from "./faults";
export { DEFAULT_MODELS, type Capability, type SimModel } from "./models";
export {
  embedText,
  expectedReply,
  expectedThinking,
  tokenize,
  type ReplyLimits,
  type SimMessage,
  type SimTool,
  type SimToolCall,
} from "./generator";
export type { SimRequest } from "./http";
export type { SimPull } from "./pull";
