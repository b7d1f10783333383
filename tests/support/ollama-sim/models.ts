/**
 * The simulated model store: what is installed (/api/tags), what is loaded in
 * memory (/api/ps), what /api/show says about each model, and what the
 * registry would let /api/pull download.
 */
import { createHash } from "node:crypto";

export type Capability = "completion" | "tools" | "thinking" | "vision" | "embedding" | "insert";

/** A model as tests describe it; everything but name and capabilities has a plausible default. */
export interface SimModel {
  name: string;
  capabilities: Capability[];
  size?: number;
  /** 64 hex characters, no "sha256:" prefix (as /api/tags shows it). */
  digest?: string;
  family?: string;
  families?: string[];
  parameterSize?: string;
  quantizationLevel?: string;
  contextLength?: number;
  embeddingLength?: number;
  modifiedAt?: string;
}

export type ModelEntry = Required<SimModel>;

export const DEFAULT_MODELS: readonly SimModel[] = [
  {
    name: "llama3.2:3b",
    capabilities: ["completion", "tools"],
    size: 2_019_393_189,
    family: "llama",
    parameterSize: "3.2B",
    quantizationLevel: "Q4_K_M",
    contextLength: 131_072,
    embeddingLength: 3072,
    modifiedAt: "2025-09-20T10:15:00.000Z",
  },
  {
    name: "qwen3:0.6b",
    capabilities: ["completion", "tools", "thinking"],
    size: 522_653_767,
    family: "qwen3",
    parameterSize: "751.63M",
    quantizationLevel: "Q4_K_M",
    contextLength: 40_960,
    embeddingLength: 1024,
    modifiedAt: "2025-09-19T08:30:00.000Z",
  },
  {
    name: "llava:7b",
    capabilities: ["completion", "vision"],
    size: 4_733_363_377,
    family: "llama",
    families: ["llama", "clip"],
    parameterSize: "7B",
    quantizationLevel: "Q4_0",
    contextLength: 32_768,
    embeddingLength: 4096,
    modifiedAt: "2025-09-18T16:45:00.000Z",
  },
  {
    name: "nomic-embed-text:latest",
    capabilities: ["embedding"],
    size: 274_302_450,
    family: "nomic-bert",
    parameterSize: "137M",
    quantizationLevel: "F16",
    contextLength: 2048,
    embeddingLength: 768,
    modifiedAt: "2025-09-17T12:00:00.000Z",
  },
];

/** Registry names that do not exist, so tests can exercise a failing pull. */
const MISSING_FROM_REGISTRY = /doesnotexist/;
const FOREVER = "2318-01-01T00:00:00Z";
const REGISTRY_PREFIX = "registry.ollama.ai/library/";

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Ollama's name rules: "llama3.2" means "llama3.2:latest"; the default registry prefix is optional. */
export function normalizeName(name: string): string {
  const short = name.startsWith(REGISTRY_PREFIX) ? name.slice(REGISTRY_PREFIX.length) : name;
  return short.includes(":") ? short : `${short}:latest`;
}

/** How Ollama names a model in capability errors ("registry.ollama.ai/library/x:y does not support tools"). */
export function fullName(name: string): string {
  return REGISTRY_PREFIX + normalizeName(name);
}

function complete(model: SimModel): ModelEntry {
  const name = normalizeName(model.name);
  const [base = name, tag = ""] = name.split(":");
  // A tag like "1b" or "270m" says how big a model registry pulls should look.
  const sizeTag = /^(\d+(?:\.\d+)?)([bm])$/i.exec(tag);
  const parameters = sizeTag ? Number(sizeTag[1]) * (sizeTag[2]?.toLowerCase() === "b" ? 1e9 : 1e6) : 1e9;
  const family = model.family ?? base;
  return {
    name,
    capabilities: model.capabilities,
    // About what Q4_K_M weights take: ~0.6 bytes a parameter.
    size: model.size ?? Math.round(parameters * 0.6),
    digest: model.digest ?? sha256(`model:${name}`),
    family,
    families: model.families ?? [family],
    parameterSize: model.parameterSize ?? (sizeTag ? tag.toUpperCase() : "1B"),
    quantizationLevel: model.quantizationLevel ?? "Q4_K_M",
    contextLength: model.contextLength ?? 8192,
    embeddingLength: model.embeddingLength ?? 2048,
    modifiedAt: model.modifiedAt ?? new Date().toISOString(),
  };
}

/** The blobs a pull downloads (weights, chat template, parameters); their sizes add up to the model's. */
export function layersOf(entry: ModelEntry): Array<{ digest: string; size: number }> {
  const template = 1400 + (parseInt(entry.digest.slice(0, 4), 16) % 200);
  const params = 96;
  return [
    { digest: sha256(`layer:model:${entry.name}`), size: entry.size - template - params },
    { digest: sha256(`layer:template:${entry.name}`), size: template },
    { digest: sha256(`layer:params:${entry.name}`), size: params },
  ];
}

function details(entry: ModelEntry) {
  return {
    parent_model: "",
    format: "gguf",
    family: entry.family,
    families: entry.families,
    parameter_size: entry.parameterSize,
    quantization_level: entry.quantizationLevel,
  };
}

function parameterCount(size: string): number {
  const match = /^([\d.]+)([KMB]?)$/.exec(size);
  const scale = { K: 1e3, M: 1e6, B: 1e9, "": 1 }[match?.[2] ?? ""] ?? 1;
  return Math.round(Number(match?.[1] ?? 0) * scale);
}

/** Go duration ("5m", "1h30m", "-1") or seconds (number), as keep_alive accepts; null means forever. */
function parseKeepAlive(value: unknown): number | null {
  if (typeof value === "number") return value < 0 ? null : value * 1000;
  if (typeof value !== "string" || value === "") return 5 * 60_000;
  if (value.startsWith("-")) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let ms = 0;
  for (const [, amount, unit] of value.matchAll(/([\d.]+)(ns|us|µs|ms|s|m|h)/g)) {
    ms += Number(amount) * (units[unit ?? "s"] ?? 0);
  }
  return ms;
}

interface Loaded {
  entry: ModelEntry;
  /** Unix ms when Ollama would unload it; null for keep_alive < 0. */
  expiresAt: number | null;
}

export class Catalogue {
  private readonly installed = new Map<string, ModelEntry>();
  private readonly registry = new Map<string, ModelEntry>();
  private readonly loaded = new Map<string, Loaded>();
  /** Bytes already downloaded per layer digest, so an interrupted pull resumes. */
  readonly pullProgress = new Map<string, number>();

  constructor(installed: readonly SimModel[]) {
    for (const model of [...DEFAULT_MODELS, ...installed]) {
      const entry = complete(model);
      this.registry.set(entry.name, entry);
    }
    for (const model of installed) {
      const entry = complete(model);
      this.installed.set(entry.name, entry);
    }
  }

  find(name: string): ModelEntry | undefined {
    return this.installed.get(normalizeName(name));
  }

  /** What a pull of this name would install, or undefined when the registry has no such model. */
  lookupRegistry(name: string): ModelEntry | undefined {
    const normalized = normalizeName(name);
    if (MISSING_FROM_REGISTRY.test(normalized)) return undefined;
    const known = this.registry.get(normalized);
    if (known) return known;
    const capabilities: Capability[] = /embed|minilm/.test(normalized) ? ["embedding"] : ["completion"];
    return complete({ name: normalized, capabilities });
  }

  install(entry: ModelEntry): void {
    this.installed.set(entry.name, { ...entry, modifiedAt: new Date().toISOString() });
  }

  remove(name: string): boolean {
    const normalized = normalizeName(name);
    this.loaded.delete(normalized);
    return this.installed.delete(normalized);
  }

  /** Records a use of the model, as the scheduler does; keep_alive 0 unloads it at once. */
  markLoaded(entry: ModelEntry, keepAlive: unknown): void {
    const ms = parseKeepAlive(keepAlive);
    if (ms === 0) this.loaded.delete(entry.name);
    else this.loaded.set(entry.name, { entry, expiresAt: ms === null ? null : Date.now() + ms });
  }

  isLoaded(entry: ModelEntry): boolean {
    return this.loaded.has(entry.name);
  }

  tags() {
    const entries = [...this.installed.values()].sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    return {
      models: entries.map((entry) => ({
        name: entry.name,
        model: entry.name,
        modified_at: entry.modifiedAt,
        size: entry.size,
        digest: entry.digest,
        details: details(entry),
      })),
    };
  }

  running() {
    const now = Date.now();
    for (const [name, { expiresAt }] of this.loaded) {
      if (expiresAt !== null && expiresAt <= now) this.loaded.delete(name);
    }
    return {
      models: [...this.loaded.values()].map(({ entry, expiresAt }) => ({
        name: entry.name,
        model: entry.name,
        size: entry.size,
        digest: entry.digest,
        details: details(entry),
        expires_at: expiresAt === null ? FOREVER : new Date(expiresAt).toISOString(),
        size_vram: entry.size,
        context_length: Math.min(entry.contextLength, 4096),
      })),
    };
  }

  show(entry: ModelEntry) {
    const arch = entry.family.replace(/[^a-z0-9]/g, "");
    const embedding = entry.capabilities.includes("embedding");
    const template = embedding
      ? "{{ .Prompt }}"
      : "{{- range .Messages }}<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n{{ end }}<|im_start|>assistant\n";
    const parameters = embedding
      ? "num_ctx                        8192"
      : 'stop                           "<|im_end|>"';
    return {
      license: "",
      modelfile: [
        '# Modelfile generated by "ollama show"',
        "# To build a new Modelfile based on this, replace FROM with:",
        `# FROM ${entry.name}`,
        "",
        `FROM /root/.ollama/models/blobs/sha256-${layersOf(entry)[0]?.digest}`,
        `TEMPLATE """${template}"""`,
        `PARAMETER ${parameters.replace(/\s+/, " ")}`,
        "",
      ].join("\n"),
      parameters,
      template,
      details: details(entry),
      model_info: {
        "general.architecture": arch,
        "general.file_type": 15,
        "general.parameter_count": parameterCount(entry.parameterSize),
        "general.quantization_version": 2,
        [`${arch}.context_length`]: entry.contextLength,
        [`${arch}.embedding_length`]: entry.embeddingLength,
      },
      capabilities: entry.capabilities,
      modified_at: entry.modifiedAt,
    };
  }
}
