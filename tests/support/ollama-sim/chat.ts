/**
 * One chat/generate turn, whichever API it came through: the checks Ollama
 * makes before generating (model, capabilities) in its order and with its
 * messages, then the deterministic plan of what to send.
 */
import { planReply, type JsonSchema, type ReplyPlan, type SimMessage, type SimTool } from "./generator";
import type { SimContext } from "./http";
import { fullName } from "./models";

export interface TurnRequest {
  model: string | undefined;
  messages: SimMessage[];
  tools: SimTool[] | undefined;
  think: boolean;
  format: "json" | JsonSchema | undefined;
  seed: number | undefined;
  numPredict: number | undefined;
  stop: string | string[] | undefined;
  keepAlive: unknown;
  /** Which word Ollama uses when the model cannot generate: "does not support chat" / "generate". */
  verb: "chat" | "generate";
}

export type Turn =
  | (Prepared & { plan: ReplyPlan })
  /** A request with nothing to say: Ollama just loads (or, with keep_alive 0, unloads) the model. */
  | (Prepared & { plan: null; doneReason: "load" | "unload" })
  | { ok: false; status: number; message: string };

interface Prepared {
  ok: true;
  /** The name as the client spelled it: Ollama echoes it back in `model`. */
  name: string;
}

function fail(status: number, message: string): Turn {
  return { ok: false, status, message };
}

/** Ollama's think accepts a boolean or an effort level; any level means "think". */
export function thinkRequested(value: unknown): boolean {
  return value === true || value === "low" || value === "medium" || value === "high";
}

export function prepareTurn(ctx: SimContext, request: TurnRequest): Turn {
  const { catalogue } = ctx;
  const name = request.model;
  if (!name) return fail(400, "model is required");
  const entry = catalogue.find(name);
  if (!entry) return fail(404, `model "${name}" not found, try pulling it first`);
  const caps = entry.capabilities;
  if (!caps.includes("completion")) return fail(400, `"${name}" does not support ${request.verb}`);
  const wantsTools = (request.tools?.length ?? 0) > 0;
  if (wantsTools && !caps.includes("tools")) return fail(400, `${fullName(name)} does not support tools`);
  if (request.think && !caps.includes("thinking")) {
    return fail(400, `${fullName(name)} does not support thinking`);
  }
  if (request.messages.some((m) => (m.images?.length ?? 0) > 0) && !caps.includes("vision")) {
    return fail(400, `${fullName(name)} does not support images: it has no vision capability`);
  }

  catalogue.markLoaded(entry, request.keepAlive);
  if (request.messages.length === 0) {
    const doneReason = catalogue.isLoaded(entry) ? "load" : "unload";
    return { ok: true, name, plan: null, doneReason };
  }
  const plan = planReply({
    model: entry.name,
    messages: request.messages,
    seed: request.seed,
    think: request.think,
    tools: wantsTools ? request.tools : undefined,
    format: request.format,
    num_predict: request.numPredict,
    stop: request.stop,
    plannedReplies: ctx.plannedReplies,
  });
  return { ok: true, name, plan };
}
