import { describe, expect, it } from "vitest";
import { isValidModelName, modelNameSchema } from "@/lib/models/model-name";

describe("model names", () => {
  it.each([
    "llama3.2",
    "llama3.2:3b",
    "qwen3:0.6b",
    "nomic-embed-text:latest",
    "library/llama3.2:3b-instruct-q4_K_M",
    "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
    "registry.ollama.ai/library/llama3.2:latest",
    "localhost:5000/me/my-model:v1.0",
  ])("accepts %s", (name) => {
    expect(isValidModelName(name)).toBe(true);
  });

  it.each([
    ["", "empty"],
    ["http://evil.example/x", "a URL"],
    ["https://registry.ollama.ai/library/llama3.2", "a URL"],
    ["../../etc/passwd", "a path"],
    ["llama..3", "'..'"],
    ["llama 3", "a space"],
    ["llama3\n", "a newline"],
    ["a/b/c/d", "four parts"],
    ["llama3:", "an empty tag"],
    ["llama3:a:b", "two colons"],
    [":latest", "no model"],
    ["-rf", "a leading dash"],
    ["/llama3", "a leading slash"],
    ["llama3;rm -rf /", "shell characters"],
    ["x".repeat(81), "a model part over 80 characters"],
    [`${"h".repeat(340)}/n/model:tag`, "over 350 characters"],
    ["llama3\u0000", "a NUL"],
  ])("refuses %j (%s)", (name) => {
    expect(isValidModelName(name)).toBe(false);
  });

  it("explains the refusal in the schema's message", () => {
    const result = modelNameSchema.safeParse("http://example.com/model");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/not a URL/);
    expect(modelNameSchema.parse("llama3.2:3b")).toBe("llama3.2:3b");
    // Stray whitespace is refused with a reason, not quietly trimmed (the forms trim what people type).
    expect(modelNameSchema.safeParse("llama3.2:3b\n").error?.issues[0]?.message).toBe(
      "must not contain spaces",
    );
  });
});
