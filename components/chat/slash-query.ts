import type { Prompt } from "@/lib/client/api-types";

/**
 * The text after a leading "/" while the message is nothing but that one line
 * (as in Open WebUI); null otherwise. A query that has grown a space and
 * matches nothing is likely a message about a path, not a prompt: null too.
 */
export function slashQuery(text: string, prompts: Pick<Prompt, "name">[]): string | null {
  const query = /^\/([^\n]*)$/.exec(text)?.[1];
  if (query === undefined) return null;
  if (/\s/.test(query) && matchPrompts(prompts, query).length === 0) return null;
  return query;
}

/** The prompts whose name holds the query, case-insensitively; names starting with it come first. */
export function matchPrompts<P extends Pick<Prompt, "name">>(prompts: P[], query: string): P[] {
  const q = query.trim().toLocaleLowerCase();
  const starts: P[] = [];
  const contains: P[] = [];
  for (const prompt of prompts) {
    const name = prompt.name.toLocaleLowerCase();
    if (name.startsWith(q)) starts.push(prompt);
    else if (name.includes(q)) contains.push(prompt);
  }
  return [...starts, ...contains];
}
