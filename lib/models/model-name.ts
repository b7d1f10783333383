import { z } from "zod";

/**
 * Ollama's model name grammar: `[host[:port]/][namespace/]model[:tag]`, as
 * its registry accepts it (types/model/name.go): each part starts with a
 * letter or digit and holds letters, digits, `_`, `-` and `.`; the host may
 * carry a port. So no URL (`http://`), no `..`, no whitespace, no `/` beyond
 * the three parts. Pure, so that the server and a form can share it.
 */
export const MODEL_NAME_MAX = 350;

const PART = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const HOST = /^[A-Za-z0-9][A-Za-z0-9_.-]*(?::\d{1,5})?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const LIMITS = { host: 350, namespace: 80, model: 80, tag: 80 };

/** Why a name is not one Ollama would accept, or null when it is. */
export function modelNameProblem(name: string): string | null {
  if (name.length === 0) return "is required";
  if (name.length > MODEL_NAME_MAX) return `must be at most ${MODEL_NAME_MAX} characters`;
  if (/\s/.test(name)) return "must not contain spaces";
  if (name.includes("://")) return "must be a model name like llama3.2:3b, not a URL";
  if (name.includes("..")) return "must not contain '..'";
  const parts = name.split("/");
  if (parts.length > 3) return "has too many '/' (at most host/namespace/model:tag)";
  const last = parts.pop()!;
  const colon = last.indexOf(":");
  const model = colon < 0 ? last : last.slice(0, colon);
  const tag = colon < 0 ? null : last.slice(colon + 1);
  const host = parts.length === 2 ? parts.shift()! : null;
  const namespace = parts.shift() ?? null;
  if (host !== null && (!HOST.test(host) || host.length > LIMITS.host)) return "has an invalid host";
  if (namespace !== null && (!PART.test(namespace) || namespace.length > LIMITS.namespace)) {
    return "has an invalid namespace (letters, digits, '_', '-' and '.')";
  }
  if (!PART.test(model) || model.length > LIMITS.model) {
    return "has an invalid model name (letters, digits, '_', '-' and '.', starting with a letter or digit)";
  }
  if (tag !== null && (!TAG.test(tag) || tag.length > LIMITS.tag)) {
    return "has an invalid tag (letters, digits, '_', '-' and '.', after a single ':')";
  }
  return null;
}

export function isValidModelName(name: string): boolean {
  return modelNameProblem(name) === null;
}

/** The zod form, for request bodies: `{ model: modelNameSchema }`. */
export const modelNameSchema = z
  // Not trimmed: a name with stray whitespace is refused and said so, never quietly changed.
  .string({ error: "is required" })
  .superRefine((name, ctx) => {
    const problem = modelNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
