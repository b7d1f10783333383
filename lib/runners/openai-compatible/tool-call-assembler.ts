import { randomBytes } from "node:crypto";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { ChatEvent } from "../types";

type Fragment = ChatCompletionChunk.Choice.Delta.ToolCall;

interface Assembling {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Puts streamed tool calls back together. OpenAI and vLLM send the id and the
 * name in a call's first fragment and its JSON arguments in pieces, each piece
 * tagged with the call's index; Ollama and some others send each call whole.
 * Hearth's runner events carry whole calls, so nothing leaves before the end.
 */
export class ToolCallAssembler {
  private readonly calls = new Map<number, Assembling>();
  private last: number | undefined;

  get size(): number {
    return this.calls.size;
  }

  add(fragment: Fragment): void {
    const key = this.keyOf(fragment);
    let call = this.calls.get(key);
    if (!call) {
      call = { id: "", name: "", arguments: "" };
      this.calls.set(key, call);
    }
    this.last = key;
    if (fragment.id && !call.id) call.id = fragment.id;
    const fn = fragment.function;
    if (fn?.name && !call.name) call.name = fn.name;
    if (fn?.arguments) call.arguments += fn.arguments;
  }

  /** One event per call, in index order. */
  events(): ChatEvent[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call], index) => ({
        type: "tool_call" as const,
        index,
        call: {
          // A client answers a call by its id, so a server that sends none gets one made up.
          id: call.id || `call_${randomBytes(12).toString("base64url")}`,
          name: call.name,
          arguments: call.arguments || "{}",
        },
      }));
  }

  private keyOf(fragment: Fragment): number {
    if (typeof fragment.index === "number") return fragment.index;
    // Without an index: a fragment with a new id starts a call, one without continues the last.
    if (fragment.id) {
      for (const [key, call] of this.calls) if (call.id === fragment.id) return key;
      return this.calls.size === 0 ? 0 : Math.max(...this.calls.keys()) + 1;
    }
    return this.last ?? 0;
  }
}
