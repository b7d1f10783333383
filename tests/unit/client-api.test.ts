import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, ApiError, errorMessage, NETWORK_ERROR } from "@/lib/client/api";

/**
 * The browser's one API client, against a real HTTP server answering as the
 * UI API does: every failure becomes an ApiError whose message a person can read.
 */
let server: http.Server;
let base: string;
const seen: { method?: string; type?: string; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ method: req.method, type: req.headers["content-type"], body });
      const send = (status: number, payload?: unknown, type = "application/json") => {
        res.writeHead(status, payload === undefined ? {} : { "content-type": type });
        res.end(
          payload === undefined ? undefined : typeof payload === "string" ? payload : JSON.stringify(payload),
        );
      };
      if (req.url === "/ok") send(200, { data: [1, 2] });
      else if (req.url === "/empty") send(204);
      else if (req.url === "/signed-out")
        send(401, { error: { code: "unauthorized", message: "No session" } });
      else if (req.url === "/invalid")
        send(400, {
          error: { code: "bad_request", message: "expiresAt: must be in the future", param: "expiresAt" },
        });
      else if (req.url === "/proxy") send(502, "<html>Bad gateway</html>", "text/html");
      else send(404, { error: { code: "not_found", message: "Chat not found" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("the client API layer", () => {
  it("returns the JSON answer, and nothing for 204", async () => {
    expect(await api(`${base}/ok`)).toEqual({ data: [1, 2] });
    expect(await api(`${base}/empty`, { method: "DELETE" })).toBeUndefined();
  });

  it("sends a body as JSON, a JSON document as it is, and a form as multipart", async () => {
    seen.length = 0;
    await api(`${base}/ok`, { method: "POST", body: { name: "laptop" } });
    await api(`${base}/ok`, { method: "POST", jsonText: '{"chats": []}' });
    const form = new FormData();
    form.append("file", new Blob(["hello"]), "a.txt");
    await api(`${base}/ok`, { method: "POST", body: form });
    await api(`${base}/ok`);
    expect(seen[0]).toMatchObject({ method: "POST", type: "application/json", body: '{"name":"laptop"}' });
    expect(seen[1]).toMatchObject({ type: "application/json", body: '{"chats": []}' });
    expect(seen[2]!.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[3]).toMatchObject({ method: "GET", type: undefined, body: "" });
  });

  it("shows the server's message, with the field named as the form names it", async () => {
    const plain = await failure(api(`${base}/invalid`, { method: "POST", body: {} }));
    expect(plain).toMatchObject({
      status: 400,
      param: "expiresAt",
      message: "expiresAt: must be in the future",
    });
    const labelled = await failure(api(`${base}/invalid`, { labels: { expiresAt: "Expiration" } }));
    expect(labelled.message).toBe("Expiration: must be in the future");
    expect((await failure(api(`${base}/missing`))).message).toBe("Chat not found");
  });

  it("says what to do when the session has ended, the answer is not JSON, or there is no answer", async () => {
    const signedOut = await failure(api(`${base}/signed-out`));
    expect(signedOut).toMatchObject({
      status: 401,
      message: "Your session has ended. Reload the page and sign in again.",
    });
    expect((await failure(api(`${base}/proxy`))).message).toBe(
      "Something went wrong (HTTP 502). Please try again.",
    );
    const closed = await failure(api("http://127.0.0.1:1/nothing"));
    expect(closed).toMatchObject({ status: 0, message: NETWORK_ERROR });
  });

  it("lets an abort through as an abort, and words anything unexpected generically", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(api(`${base}/ok`, { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(errorMessage(new TypeError("x is undefined"))).toBe("Something went wrong. Please try again.");
  });
});
