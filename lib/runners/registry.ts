import "server-only";
import { config } from "@/lib/config";
import { createOllamaRunner, type OllamaRunner } from "./ollama/ollama-runner";
import type { Runner } from "./types";

const holder = globalThis as unknown as { __hearthOllama?: OllamaRunner };

/** The built-in Ollama runner at OLLAMA_BASE_URL, with its admin calls (show, pull, ...). */
export function ollamaRunner(): OllamaRunner {
  holder.__hearthOllama ??= createOllamaRunner({
    baseUrl: config().ollamaBaseUrl,
    firstByteTimeoutMs: config().runnerTimeoutMs,
  });
  return holder.__hearthOllama;
}

/**
 * Which runner serves a model id, and the name it knows the model by.
 * Ollama models keep their own names ("llama3.2:3b"); other connections
 * (configured by the admin, a later issue) will be "connection/model".
 */
export function resolveModel(id: string): { runner: Runner; model: string } {
  return { runner: ollamaRunner(), model: id };
}
