import { describe, expect, it } from "vitest";
import { fillPrompt, promptVariables } from "@/lib/prompts/prompt-variables";

describe("prompt variables", () => {
  it("lists each {{variable}} once, in order, tolerating spaces", () => {
    expect(promptVariables("Translate {{text}} into {{ language }}. Keep {{text}} short.")).toEqual([
      "text",
      "language",
    ]);
    expect(promptVariables("No variables, just {braces} and {{}}")).toEqual([]);
  });

  it("fills them and leaves unknown ones visible", () => {
    expect(fillPrompt("Translate {{text}} into {{ language }}.", { text: "hello", language: "French" })).toBe(
      "Translate hello into French.",
    );
    expect(fillPrompt("Hi {{name}}", {})).toBe("Hi {{name}}");
  });
});
