import { beforeAll, describe, expect, it } from "vitest";
import { Browser, loadRoutes, ORIGIN } from "../support/auth-client";
import { setupTestApp } from "../support/test-app";

type H = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let alice: Browser;
let bob: Browser;
let list: { GET: H; POST: H };
let one: { PUT: H; DELETE: H };

beforeAll(async () => {
  await setupTestApp();
  const routes = await loadRoutes();
  list = (await import("@/app/api/prompts/route")) as unknown as typeof list;
  one = (await import("@/app/api/prompts/[promptId]/route")) as unknown as typeof one;
  alice = new Browser(routes);
  bob = new Browser(routes);
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

function call(h: H, b: Browser, method: string, params: Record<string, string> = {}, body?: unknown) {
  const headers = new Headers({ origin: ORIGIN, "content-type": "application/json" });
  if (b.cookies.size) headers.set("cookie", [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  return h(
    new Request(`${ORIGIN}/x`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    {
      params: Promise.resolve(params),
    },
  );
}

describe("the prompt library", () => {
  it("saves prompts with their variables, edits and deletes them, per user", async () => {
    const res = await call(
      list.POST,
      alice,
      "POST",
      {},
      { name: "Translate", body: "Translate {{text}} into {{language}}." },
    );
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.variables).toEqual(["text", "language"]);
    expect((await (await call(list.GET, bob, "GET")).json()).data).toEqual([]);
    expect((await call(one.PUT, bob, "PUT", { promptId: created.id }, { name: "x", body: "y" })).status).toBe(
      404,
    );
    expect((await call(one.DELETE, bob, "DELETE", { promptId: created.id })).status).toBe(404);

    const edited = await (
      await call(
        one.PUT,
        alice,
        "PUT",
        { promptId: created.id },
        { name: "Translate", body: "Say {{text}} in {{language}}" },
      )
    ).json();
    expect(edited.body).toBe("Say {{text}} in {{language}}");
    expect((await call(list.POST, alice, "POST", {}, { name: " ", body: "x" })).status).toBe(400);
    expect((await call(one.DELETE, alice, "DELETE", { promptId: created.id })).status).toBe(204);
    expect((await (await call(list.GET, alice, "GET")).json()).data).toEqual([]);
  });
});
