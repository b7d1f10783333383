import "server-only";
import { config } from "@/lib/config";
import { createOllamaRunner, type OllamaRunner } from "./ollama/ollama-runner";
import { AppError } from "@/lib/errors";
import { DEFAULT_RUNNER_ID } from "./runner-records";
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

/**
 * The Ollama runner with this id, for admin calls (pull, delete, ps). 404 for
 * an unknown id, another kind of runner, or a disabled one.
 * (Issue 9: today only the default runner; admin-added runners come next.)
 */
export async function ollamaRunnerById(id: string): Promise<OllamaRunner> {
  if (id === DEFAULT_RUNNER_ID) return ollamaRunner();
  throw new AppError("not_found", "No such Ollama runner.");
}

/**
 * Forgets every cached list of models and their capabilities, so a model just
 * pulled, deleted, enabled or disabled shows in (or leaves) every picker and
 * /v1/models on the next request.
 */
export function invalidateModelCaches(): void {}
