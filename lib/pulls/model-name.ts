import { z } from "zod";

/*
 * Ollama's model name grammar ([host[:port]/][namespace/]model[:tag]), as
 * types/model/name.go checks it. Stand-in until lib/models/model-name.ts
 * lands; the two should then be one.
 */
const PART = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$/;
const HOST = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,349}(:\d{1,5})?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$/;

/** True for a name Ollama would pull: no URL, no "..", no whitespace, no empty parts. */
export function isValidModelName(name: string): boolean {
  if (name.length === 0 || name.length > 350 || name.includes("..")) return false;
  const slash = name.lastIndexOf("/");
  const last = name.slice(slash + 1);
  const colon = last.indexOf(":");
  const model = colon === -1 ? last : last.slice(0, colon);
  const tag = colon === -1 ? undefined : last.slice(colon + 1);
  if (!PART.test(model) || (tag !== undefined && !TAG.test(tag))) return false;
  const prefix = slash === -1 ? [] : name.slice(0, slash).split("/");
  if (prefix.length > 2) return false;
  // With two parts before the model the first is a host, which may carry a port.
  if (prefix.length === 2 && !HOST.test(prefix[0]!)) return false;
  return prefix.slice(prefix.length === 2 ? 1 : 0).every((part) => PART.test(part));
}

export const modelNameSchema = z
  .string()
  .min(1, "Type the name of a model, like llama3.2:3b.")
  .refine(isValidModelName, {
    message:
      "That is not a model name Ollama knows how to pull. Use a name like llama3.2:3b or hf.co/user/repo:tag (letters, digits, '.', '-', '_'; no spaces, URLs or '..').",
  });
