/**
 * Against the production server: a chunked upload far over the limit, with no
 * Content-Length, is answered 413 soon after the limit is passed, while the
 * client is still sending; the server does not wait for (or hold) the rest.
 */
import http from "node:http";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { signUpOverHttp } from "../support/hearth-server";

const MB = 1024 * 1024;
const BOUNDARY = "----hearth-e2e-boundary";
let base: string;
let cookie: string;

beforeAll(async () => {
  base = inject("baseUrl");
  cookie = await signUpOverHttp(base, `uploader-${Date.now()}@example.com`);
});

/** Sends up to `totalBytes` of one file, chunked; stops as soon as an answer arrives. */
function chunkedUpload(totalBytes: number): Promise<{ status: number; sentBytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = http.request(`${base}/api/files`, {
      method: "POST",
      headers: {
        origin: base,
        cookie,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "transfer-encoding": "chunked",
      },
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, sentBytes, body });
        req.destroy();
      });
    });
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    req.write(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end(`\r\n--${BOUNDARY}--\r\n`);
    };
    pump();
  });
}

describe("a 150 MB chunked upload", () => {
  it("is refused with 413 long before it has all been sent", async () => {
    const result = await chunkedUpload(150 * MB);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error.message).toMatch(/at most 20 MB/);
    // The answer came while the client was still sending: the server stopped at the limit.
    expect(result.sentBytes).toBeLessThan(60 * MB);
  });
});
