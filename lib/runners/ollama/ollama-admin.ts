import { ndjsonBatches } from "../ndjson";
import { RunnerError } from "../runner-error";
import { jsonInit, type OllamaHttp } from "./ollama-http";
import type { OllamaPullLine, OllamaRunning, OllamaShow, OllamaTag, OllamaVersion } from "./wire";

/** What /api/show says about an installed model, as the model picker and admin console need it. */
export interface OllamaModelDetails {
  name: string;
  family?: string;
  /** e.g. "3.2B". */
  parameterSize?: string;
  /** e.g. "Q4_K_M". */
  quantization?: string;
  /** The longest context the model was trained for (`<arch>.context_length`). */
  contextLength?: number;
  /** e.g. ["completion", "tools", "thinking", "vision", "embedding"]; empty before Ollama 0.6.4. */
  capabilities: string[];
  /** The chat template, parameters ("name value" lines), Modelfile and licence, as Ollama prints them. */
  template: string;
  parameters: string;
  modelfile: string;
  license: string;
}

/** An installed model as /api/tags lists it. */
export interface InstalledModel {
  name: string;
  family?: string;
  parameterSize?: string;
  quantization?: string;
  /** Bytes on disk. */
  size: number;
  /** ISO time. */
  modifiedAt?: string;
}

/** A model loaded in memory now (/api/ps). */
export interface RunningModel {
  name: string;
  /** Bytes in memory, VRAM included. */
  size: number;
  sizeVram: number;
  /** ISO time when Ollama unloads it if unused (far in the future for keep_alive < 0). */
  expiresAt: string;
  /** The context size it was loaded with, when Ollama says (0.6+). */
  contextLength?: number;
}

/** One line of a pull's progress. */
export interface PullProgress {
  /** "pulling manifest", "pulling <digest>", "verifying sha256 digest", "writing manifest", "success". */
  status: string;
  digest?: string;
  /** Bytes of this layer. */
  total?: number;
  /** Bytes of this layer downloaded so far. */
  completed?: number;
  /**
   * Overall progress, 0-100 with one decimal: bytes completed over bytes of
   * the layers seen so far, never going back when a new layer shows up; 100 on success.
   */
  percent: number;
}

/** Model management on the Ollama server: health, details, memory, pulls and deletes. */
export interface OllamaAdmin {
  /** GET /api/version: also the cheapest health check. */
  version(signal?: AbortSignal): Promise<{ version: string }>;
  /** POST /api/show. Throws RunnerError not_found for a model that is not installed. */
  show(model: string, signal?: AbortSignal): Promise<OllamaModelDetails>;
  /** GET /api/tags, with the details the admin console shows. */
  installed(signal?: AbortSignal): Promise<InstalledModel[]>;
  /** GET /api/ps. */
  running(signal?: AbortSignal): Promise<RunningModel[]>;
  /**
   * POST /api/pull, streamed. Ends after "success"; Ollama's `{"error"}` line
   * becomes a RunnerError (upstream_error). Aborting `signal` stops the
   * download; the next pull of the model resumes it.
   */
  pull(model: string, signal: AbortSignal): AsyncIterable<PullProgress>;
  /** DELETE /api/delete. Throws RunnerError not_found when the model is not installed. */
  remove(model: string, signal?: AbortSignal): Promise<void>;
  /** Frees the model's memory now: an empty /api/generate with keep_alive 0, as `ollama stop` does. */
  unload(model: string, signal?: AbortSignal): Promise<void>;
}

export function ollamaAdmin(http: OllamaHttp, options: { timeoutMs: number }): OllamaAdmin {
  const { timeoutMs } = options;

  async function version(signal?: AbortSignal) {
    const body = await http.json<OllamaVersion>("/api/version", { method: "GET" }, signal, timeoutMs);
    return { version: body.version ?? "" };
  }

  async function show(model: string, signal?: AbortSignal): Promise<OllamaModelDetails> {
    const body = await http.json<OllamaShow>("/api/show", jsonInit("POST", { model }), signal, timeoutMs);
    const info = body.model_info ?? {};
    const arch = info["general.architecture"];
    const contextLength = typeof arch === "string" ? info[`${arch}.context_length`] : undefined;
    return {
      name: model,
      family: body.details?.family,
      parameterSize: body.details?.parameter_size,
      quantization: body.details?.quantization_level,
      contextLength: typeof contextLength === "number" ? contextLength : undefined,
      capabilities: body.capabilities ?? [],
      template: body.template ?? "",
      parameters: body.parameters ?? "",
      modelfile: body.modelfile ?? "",
      license: body.license ?? "",
    };
  }

  async function installed(signal?: AbortSignal): Promise<InstalledModel[]> {
    const body = await http.json<{ models?: OllamaTag[] }>("/api/tags", { method: "GET" }, signal, timeoutMs);
    return (body.models ?? []).map((m) => ({
      name: m.name,
      family: m.details?.family,
      parameterSize: m.details?.parameter_size,
      quantization: m.details?.quantization_level,
      size: m.size ?? 0,
      modifiedAt: m.modified_at,
    }));
  }

  async function running(signal?: AbortSignal): Promise<RunningModel[]> {
    const body = await http.json<{ models?: OllamaRunning[] }>(
      "/api/ps",
      { method: "GET" },
      signal,
      timeoutMs,
    );
    return (body.models ?? []).map((m) => ({
      name: m.name,
      size: m.size ?? 0,
      sizeVram: m.size_vram ?? 0,
      expiresAt: m.expires_at ?? "",
      contextLength: m.context_length,
    }));
  }

  async function* pull(model: string, signal: AbortSignal): AsyncGenerator<PullProgress> {
    // The deadline covers the answer's start only: a large model takes as long as it takes.
    const { res, release, controller } = await http.open(
      "/api/pull",
      jsonInit("POST", { model, stream: true }),
      signal,
      timeoutMs,
    );
    release();
    // Closing the connection is how Ollama is told to stop the download.
    const forward = () => controller.abort(signal.reason);
    signal.addEventListener("abort", forward, { once: true });
    const percent = overallPercent();
    try {
      if (!res.body) throw new RunnerError("upstream_error", `${http.label} sent an empty answer.`);
      for await (const lines of ndjsonBatches<OllamaPullLine>(res.body)) {
        for (const line of lines) {
          if (line.error)
            throw new RunnerError("upstream_error", `${http.label} could not pull ${model}: ${line.error}`);
          const event: PullProgress = { status: line.status ?? "", percent: percent(line) };
          if (line.digest !== undefined) event.digest = line.digest;
          if (line.total !== undefined) event.total = line.total;
          if (line.completed !== undefined) event.completed = line.completed;
          yield event;
          if (line.status === "success") return;
        }
      }
      throw new RunnerError(
        "upstream_error",
        `${http.label} closed the connection before the pull was complete.`,
      );
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      if (err instanceof RunnerError) throw err;
      throw new RunnerError(
        "upstream_error",
        `${http.label} closed the connection before the pull was complete.`,
        {
          cause: err,
        },
      );
    } finally {
      signal.removeEventListener("abort", forward);
      controller.abort();
    }
  }

  async function remove(model: string, signal?: AbortSignal): Promise<void> {
    await http.send("/api/delete", jsonInit("DELETE", { model }), signal, timeoutMs);
  }

  async function unload(model: string, signal?: AbortSignal): Promise<void> {
    await http.send(
      "/api/generate",
      jsonInit("POST", { model, keep_alive: 0, stream: false }),
      signal,
      timeoutMs,
    );
  }

  return { version, show, installed, running, pull, remove, unload };
}

/**
 * Sum of completed over sum of total, across every layer seen so far. A layer
 * seen late adds to the total, but a progress bar should not move backwards,
 * so the percent holds until the bytes catch up.
 */
function overallPercent(): (line: OllamaPullLine) => number {
  const layers = new Map<string, { total: number; completed: number }>();
  let shown = 0;
  return (line) => {
    if (line.status === "success") return 100;
    if (line.digest && line.total) {
      const completed = line.completed ?? layers.get(line.digest)?.completed ?? 0;
      layers.set(line.digest, { total: line.total, completed });
    }
    let total = 0;
    let completed = 0;
    for (const layer of layers.values()) {
      total += layer.total;
      completed += Math.min(layer.completed, layer.total);
    }
    // Below 100 until Ollama says "success": verifying and writing the manifest come after the bytes.
    const percent = total > 0 ? Math.min(99.9, Math.floor((completed / total) * 1000) / 10) : 0;
    shown = Math.max(shown, percent);
    return shown;
  };
}
