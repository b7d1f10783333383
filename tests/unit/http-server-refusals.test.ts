import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileTrustedProxies } from "@/lib/server/client-address";
import { closeHttpServer, createHttpServer } from "@/lib/server/http-server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BAD_ESCAPES = ["%zz", "%", "%E0%A4%A", "%C0%AF", "%FF%FE", "%uD800"];

let server: http.Server;
let port: number;
/** The request targets that reached `handle`, as it saw them. */
const handled: string[] = [];

beforeAll(async () => {
  server = createHttpServer({
    trust: compileTrustedProxies([]),
    handle: async (req, res) => {
      handled.push(req.url ?? "");
      res.setHeader("content-type", "text/plain");
      res.end("handled");
    },
    onError: () => {},
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => closeHttpServer(server, 100));

/** Sends the request target as written: no client-side normalising of the path. */
function send(method: string, path: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method, path }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

describe("a path with a malformed percent-encoding", () => {
  it.each(BAD_ESCAPES)("gets a 400 in OpenAI's shape on /v1 and /api/v1 (%s)", async (bad) => {
    for (const path of [`/v1/models/${bad}`, `/api/v1/chat/completions/${bad}?x=1`]) {
      const res = await send("GET", path);
      expect(res.status, path).toBe(400);
      expect(res.headers["x-request-id"]).toMatch(UUID);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(JSON.parse(res.body)).toEqual({
        error: {
          message: "The address has a malformed percent-encoding.",
          type: "invalid_request_error",
          param: null,
          code: "invalid_path",
        },
      });
    }
    expect(handled.filter((url) => url.includes(bad))).toEqual([]);
  });

  it.each(BAD_ESCAPES)("gets a 400 in the app's shape elsewhere (%s)", async (bad) => {
    for (const path of [`/api/chats/${bad}`, `/api/files/${bad}/content`, `/share/${bad}`]) {
      const res = await send("POST", path);
      expect(res.status, path).toBe(400);
      expect(res.headers["x-request-id"]).toMatch(UUID);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(JSON.parse(res.body)).toEqual({
        error: { code: "bad_request", message: "The address has a malformed percent-encoding." },
      });
    }
    expect(handled.filter((url) => url.includes(bad))).toEqual([]);
  });

  it("reaches the app untouched when the escapes are well formed, or only in the query", async () => {
    for (const path of ["/v1/models/hf.co%2Fuser%2Fmodel", "/api/chats/abc%20def", "/api/search?q=%zz"]) {
      const res = await send("GET", path);
      expect(res.status, path).toBe(200);
      expect(res.body).toBe("handled");
      expect(handled).toContain(path);
    }
  });
});

describe("a method no route answers", () => {
  // FOO never gets this far: Node's parser refuses methods it does not know with its own 400.
  it.each(["TRACE", "PROPFIND", "SEARCH"])("gets a 405 with Allow (%s)", async (method) => {
    for (const [path, body] of [
      ["/v1/models", { type: "invalid_request_error", param: null, code: "method_not_allowed" }],
      ["/api/chats", { code: "method_not_allowed" }],
    ] as const) {
      const res = await send(method, path);
      expect(res.status, path).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(res.headers["x-request-id"]).toMatch(UUID);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(JSON.parse(res.body)).toEqual({
        error: { ...body, message: `The method ${method} is not supported here.` },
      });
    }
    expect(handled).not.toContain("/api/chats");
  });

  it("still reaches the app for the methods routes answer", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const res = await send(method, `/api/things/${method}`);
      expect(res.status).toBe(200);
      expect(handled).toContain(`/api/things/${method}`);
    }
  });
});
