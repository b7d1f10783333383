/** Ollama's native shapes, as far as Hearth reads them. */
export interface OllamaToolCall {
  function: { name: string; arguments: Record<string, unknown> | string };
}

/** What every streamed line of /api/chat and /api/generate may carry. */
export interface OllamaStreamLine {
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

export interface OllamaGenerateLine extends OllamaStreamLine {
  response?: string;
  thinking?: string;
}

export interface OllamaChatLine {
  model?: string;
  message?: { role?: string; content?: string; thinking?: string; tool_calls?: OllamaToolCall[] };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  total_duration?: number;
  error?: string;
}

export interface OllamaTag {
  name: string;
  model?: string;
  modified_at?: string;
  size?: number;
  digest?: string;
  details?: { family?: string; parameter_size?: string; quantization_level?: string };
}

export interface OllamaVersion {
  version?: string;
}

export interface OllamaShow {
  details?: OllamaTag["details"];
  /** GGUF metadata: "general.architecture", "<arch>.context_length", ... */
  model_info?: Record<string, unknown>;
  /** Missing before Ollama 0.6.4. */
  capabilities?: string[];
  template?: string;
  /** "name value" lines, one per parameter. */
  parameters?: string;
  modelfile?: string;
  license?: string;
}

export interface OllamaRunning {
  name: string;
  model?: string;
  size?: number;
  size_vram?: number;
  expires_at?: string;
  context_length?: number;
}

export interface OllamaPullLine {
  status?: string;
  digest?: string;
  total?: number;
  completed?: number;
  error?: string;
}
