import { z } from "zod";

/** JSON as JSON.parse gives it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface JsonBounds {
  /** Deepest nesting of objects and arrays (the value itself is level 1). */
  maxDepth?: number;
  /** Most values in all, counting every object, array, key and leaf. */
  maxNodes?: number;
  /** Longest string, keys included. */
  maxStringLength?: number;
}

/** Generous for any real JSON schema or tool definition, small enough to serialise safely. */
export const DEFAULT_JSON_BOUNDS = { maxDepth: 32, maxNodes: 20_000, maxStringLength: 100_000 } as const;

/**
 * Where an otherwise free-form JSON value exceeds its bounds, in words, or null
 * when it fits. Walks with its own stack rather than recursion: a value nested
 * thousands deep must be refused, not overflow the stack while being checked.
 */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds = {}): string | null {
  const { maxDepth, maxNodes, maxStringLength } = { ...DEFAULT_JSON_BOUNDS, ...bounds };
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++nodes > maxNodes) return `has more than ${maxNodes.toLocaleString("en")} values`;
    if (typeof v === "string") {
      if (v.length > maxStringLength)
        return `holds a string longer than ${maxStringLength.toLocaleString("en")} characters`;
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth > maxDepth) return `is nested more than ${maxDepth} levels deep`;
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
    } else {
      for (const [key, item] of Object.entries(v)) {
        if (++nodes > maxNodes) return `has more than ${maxNodes.toLocaleString("en")} values`;
        if (key.length > maxStringLength)
          return `has a key longer than ${maxStringLength.toLocaleString("en")} characters`;
        stack.push([item, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * A free-form JSON object (a JSON schema, tool parameters, ...) whose depth
 * and size are bounded, so that nothing downstream (serialising it for the
 * model, storing it) can be made to fail by its shape. The value is kept as
 * given, not copied: keys such as "__proto__" stay plain own keys.
 */
export function boundedJsonObject(bounds: JsonBounds = {}) {
  return (
    z
      .custom<Record<string, JsonValue>>()
      .superRefine((value, ctx) => {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          ctx.addIssue({ code: "custom", message: "must be a JSON object" });
          return;
        }
        const problem = jsonBoundsProblem(value, bounds);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      // How the API docs show it (a custom schema has no JSON Schema of its own).
      .meta({ override: { type: "object", description: "A JSON object (bounded in depth and size)." } })
  );
}
