import { randomToken } from "../random-id";
import { sseFrame } from "@/lib/http/sse";
import type { ChatEvent, Usage } from "@/lib/runners/types";
import type { ResponsesBody } from "./request";

/**
 * Builds one Response from the runner's events: the output items (reasoning,
 * message, function calls, in the order the model produced them) and, for a
 * stream, the semantic events OpenAI sends, each numbered. The same builder
 * serves streamed and whole answers, so both carry the same items.
 */
export type OutputItem =
  | {
      type: "message";
      id: string;
      status: ItemStatus;
      role: "assistant";
      content: { type: "output_text"; text: string; annotations: []; logprobs: [] }[];
    }
  | {
      type: "function_call";
      id: string;
      call_id: string;
      name: string;
      arguments: string;
      status: ItemStatus;
    }
  | {
      // The model's thinking goes out as a summary, as Ollama's own /v1/responses does: the
      // clients that show reasoning (the AI SDK among them) read summaries.
      type: "reasoning";
      id: string;
      summary: { type: "summary_text"; text: string }[];
      status: ItemStatus;
    };

type ItemStatus = "in_progress" | "completed" | "incomplete";
export type ResponseStatus = "in_progress" | "completed" | "incomplete" | "failed";

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface ResponseEnd {
  status: ResponseStatus;
  usage: Usage | null;
  error?: { code: string; message: string } | null;
}

export const newId = (prefix: string) => `${prefix}_${randomToken(16, "hex")}`;

export function toResponseUsage(u: Usage): ResponseUsage {
  return {
    input_tokens: u.promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: u.completionTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: u.promptTokens + u.completionTokens,
  };
}

/** The request's settings as the response object echoes them. */
export function settingsOf(body: ResponsesBody) {
  return {
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    metadata: body.metadata ?? {},
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: null },
    store: body.store ?? true,
    temperature: body.temperature ?? null,
    text: { format: body.text?.format ?? { type: "text" } },
    tool_choice: body.tool_choice ?? "auto",
    tools: (body.tools ?? []).map((t) => ({
      type: "function",
      name: t.name,
      description: t.description ?? null,
      parameters: t.parameters ?? null,
      strict: t.strict ?? true,
    })),
    top_p: body.top_p ?? null,
    truncation: "disabled",
    user: body.user ?? null,
  };
}

export type ResponseSettings = ReturnType<typeof settingsOf>;

/** The whole response object, as POST returns it and GET returns it again. */
export function responseObject(r: {
  id: string;
  createdAt: number;
  model: string;
  previousResponseId: string | null;
  settings: ResponseSettings;
  status: ResponseStatus;
  output: OutputItem[];
  usage: ResponseUsage | null;
  error: { code: string; message: string } | null;
}) {
  return {
    id: r.id,
    object: "response",
    created_at: r.createdAt,
    status: r.status,
    background: false,
    error: r.error,
    incomplete_details: r.status === "incomplete" ? { reason: "max_output_tokens" } : null,
    model: r.model,
    output: r.output,
    previous_response_id: r.previousResponseId,
    usage: r.usage,
    ...r.settings,
  };
}

export function responseBuilder(head: {
  id: string;
  createdAt: number;
  model: string;
  previousResponseId: string | null;
  settings: ResponseSettings;
}) {
  const output: OutputItem[] = [];
  let sequence = 0;
  /** The message or reasoning item text is being added to. */
  let open: Extract<OutputItem, { type: "message" | "reasoning" }> | null = null;
  let deltaHead = "";

  const event = (type: string, fields: Record<string, unknown>) =>
    sseFrame(JSON.stringify({ type, ...fields, sequence_number: sequence++ }), { event: type });
  const snapshot = (status: ResponseStatus, usage: Usage | null, error: ResponseEnd["error"] = null) =>
    responseObject({
      ...head,
      status,
      output,
      usage: usage ? toResponseUsage(usage) : null,
      error: error ?? null,
    });

  /** Where the text of each kind of item goes, and the names of its events. */
  const KINDS = {
    message: {
      idPrefix: "msg",
      parts: "content",
      index: "content_index",
      part: () => ({ type: "output_text" as const, text: "", annotations: [] as [], logprobs: [] as [] }),
      partEvent: "response.content_part",
      textEvent: "response.output_text",
      extra: `"logprobs":[],`,
    },
    reasoning: {
      idPrefix: "rs",
      parts: "summary",
      index: "summary_index",
      part: () => ({ type: "summary_text" as const, text: "" }),
      partEvent: "response.reasoning_summary_part",
      textEvent: "response.reasoning_summary_text",
      extra: "",
    },
  } as const;

  /** The one text part of the open item. */
  const partOf = (item: NonNullable<typeof open>) =>
    item.type === "message" ? item.content[0]! : item.summary[0]!;

  function openItem(type: "message" | "reasoning"): string {
    let frames = close("completed");
    const kind = KINDS[type];
    const id = newId(kind.idPrefix);
    const output_index = output.length;
    const item: NonNullable<typeof open> =
      type === "message"
        ? { type, id, status: "in_progress", role: "assistant", content: [] }
        : { type, id, summary: [], status: "in_progress" };
    frames += event("response.output_item.added", { output_index, item });
    const part = kind.part();
    frames += event(`${kind.partEvent}.added`, { item_id: id, output_index, [kind.index]: 0, part });
    if (item.type === "message") item.content.push(kind.part() as (typeof item.content)[number]);
    else item.summary.push(kind.part() as (typeof item.summary)[number]);
    output.push(item);
    open = item;
    deltaHead = `{"type":"${kind.textEvent}.delta","item_id":"${id}","output_index":${output_index},"${kind.index}":0,${kind.extra}`;
    return frames;
  }

  function delta(text: string): string {
    partOf(open!).text += text;
    const type = `${KINDS[open!.type].textEvent}.delta`;
    return sseFrame(`${deltaHead}"delta":${JSON.stringify(text)},"sequence_number":${sequence++}}`, {
      event: type,
    });
  }

  /** Ends the open message or reasoning item, if any. */
  function close(status: ItemStatus): string {
    const item = open;
    if (!item) return "";
    open = null;
    item.status = status;
    const kind = KINDS[item.type];
    const output_index = output.indexOf(item);
    const part = partOf(item);
    const fields = { item_id: item.id, output_index, [kind.index]: 0 };
    return (
      event(`${kind.textEvent}.done`, {
        ...fields,
        text: part.text,
        ...(item.type === "message" ? { logprobs: [] } : {}),
      }) +
      event(`${kind.partEvent}.done`, { ...fields, part }) +
      event("response.output_item.done", { output_index, item })
    );
  }

  function functionCall(call: { id: string; name: string; arguments: string }): string {
    let frames = close("completed");
    const output_index = output.length;
    const id = newId("fc");
    const item: OutputItem = {
      type: "function_call",
      id,
      call_id: call.id,
      name: call.name,
      arguments: "",
      status: "in_progress",
    };
    frames += event("response.output_item.added", { output_index, item: { ...item } });
    frames += event("response.function_call_arguments.delta", {
      item_id: id,
      output_index,
      delta: call.arguments,
    });
    frames += event("response.function_call_arguments.done", {
      item_id: id,
      output_index,
      name: call.name,
      arguments: call.arguments,
    });
    item.arguments = call.arguments;
    item.status = "completed";
    output.push(item);
    frames += event("response.output_item.done", { output_index, item });
    return frames;
  }

  return {
    output,
    /** response.created and response.in_progress: the stream's first frames. */
    opening: () =>
      event("response.created", { response: snapshot("in_progress", null) }) +
      event("response.in_progress", { response: snapshot("in_progress", null) }),
    /** The frames for a batch of runner events (ignored for a whole answer, which only needs `output`). */
    events(batch: ChatEvent[]): string {
      let frames = "";
      for (const e of batch) {
        if (e.type === "content" || e.type === "reasoning") {
          const type = e.type === "content" ? "message" : "reasoning";
          if (open?.type !== type) frames += openItem(type);
          frames += delta(e.text);
        } else if (e.type === "tool_call") frames += functionCall(e.call);
        else if (e.type === "done") frames += close(e.finishReason === "length" ? "incomplete" : "completed");
      }
      return frames;
    },
    /** The final object, and its closing event (response.completed, .incomplete or .failed). */
    end(end: ResponseEnd) {
      let frames = close(end.status === "completed" ? "completed" : "incomplete");
      const response = snapshot(end.status, end.usage, end.error);
      const type = end.status === "failed" ? "response.failed" : `response.${end.status}`;
      frames += event(type, { response });
      return { response, frames };
    },
  };
}
