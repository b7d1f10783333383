import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { setupTestApp } from "../support/test-app";

let alice: Browser;
let bob: Browser;

beforeAll(async () => {
  await setupTestApp();
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

describe("the prompt library", () => {
  it("saves prompts with their variables, edits and deletes them, per user", async () => {
    const res = await alice.post("/api/prompts", {
      name: "Translate",
      body: "Translate {{text}} into {{language}}.",
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.variables).toEqual(["text", "language"]);
    expect((await (await bob.get("/api/prompts")).json()).data).toEqual([]);
    expect((await bob.put(`/api/prompts/${created.id}`, { name: "x", body: "y" })).status).toBe(404);
    expect((await bob.delete(`/api/prompts/${created.id}`)).status).toBe(404);

    const edited = await (
      await alice.put(`/api/prompts/${created.id}`, {
        name: "Translate",
        body: "Say {{text}} in {{language}}",
      })
    ).json();
    expect(edited.body).toBe("Say {{text}} in {{language}}");
    expect((await alice.post("/api/prompts", { name: " ", body: "x" })).status).toBe(400);
    expect((await alice.delete(`/api/prompts/${created.id}`)).status).toBe(204);
    expect((await (await alice.get("/api/prompts")).json()).data).toEqual([]);
  });
});
