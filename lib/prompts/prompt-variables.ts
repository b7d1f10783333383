/** The {{variables}} of a prompt body, in order of first appearance. */
export function promptVariables(body: string): string[] {
  const seen = new Set<string>();
  for (const match of body.matchAll(/\{\{\s*([\p{L}\p{N}_ -]{1,40}?)\s*\}\}/gu)) seen.add(match[1]!);
  return [...seen];
}

/** The body with each {{variable}} replaced by its value (missing ones left as they are). */
export function fillPrompt(body: string, values: Record<string, string>): string {
  return body.replace(
    /\{\{\s*([\p{L}\p{N}_ -]{1,40}?)\s*\}\}/gu,
    (whole, name: string) => values[name] ?? whole,
  );
}
