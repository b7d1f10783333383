import { describe, expect, it } from "vitest";
import { matchPrompts, slashQuery } from "@/components/chat/slash-query";

const prompts = [{ name: "Explain simply" }, { name: "Summarise" }, { name: "Translate to plain English" }];

describe("the composer's / prompt picker", () => {
  it("opens on a leading slash and reads the rest of the line as the query", () => {
    expect(slashQuery("/", prompts)).toBe("");
    expect(slashQuery("/Expl", prompts)).toBe("Expl");
    expect(slashQuery("/explain sim", prompts)).toBe("explain sim");
    expect(slashQuery("hello /expl", prompts)).toBeNull();
    expect(slashQuery("/expl\nmore", prompts)).toBeNull();
  });

  it("lets a message about a path through once it has a space and matches nothing", () => {
    expect(slashQuery("/usr", prompts)).toBe("usr");
    expect(slashQuery("/usr/bin is where", prompts)).toBeNull();
  });

  it("matches names case-insensitively, those starting with the query first", () => {
    expect(matchPrompts(prompts, "").map((p) => p.name)).toEqual(prompts.map((p) => p.name));
    expect(matchPrompts(prompts, "ENGLISH").map((p) => p.name)).toEqual(["Translate to plain English"]);
    expect(
      matchPrompts([{ name: "Say it plainly" }, { name: "Plain words" }], "plain").map((p) => p.name),
    ).toEqual(["Plain words", "Say it plainly"]);
    expect(matchPrompts(prompts, "zzz")).toEqual([]);
  });
});
