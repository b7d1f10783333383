/**
 * Request bodies are limited while they stream, whatever Content-Length says:
 * uploads (also per user per hour) and JSON. A refused upload leaves no file
 * and no row.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

const MB = 1024 * 1024;
const BOUNDARY = "----hearth-test-boundary";
let app: TestApp;
let alice: Browser;
let bob: Browser;

beforeAll(async () => {
  app = await setupTestApp();
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

/**
 * A multipart body holding one text file of `size` bytes (endless when
 * Infinity), produced only as it is read, and a record of how much was read.
 */
function streamingForm(size: number) {
  const head = new TextEncoder().encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const seen = { bytes: 0, cancelled: false };
  let sent = -1;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let next: Uint8Array;
        if (sent < 0) {
          next = head;
          sent = 0;
        } else if (sent < size) {
          next = chunk.subarray(0, Math.min(chunk.length, size - sent));
          sent += next.length;
        } else {
          controller.enqueue(tail);
          seen.bytes += tail.length;
          controller.close();
          return;
        }
        seen.bytes += next.length;
        controller.enqueue(next);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

/** An upload as sent: any body, the multipart content type unless `headers` says otherwise. */
function post(b: Browser, body: BodyInit, headers: Record<string, string> = {}) {
  return b.fetch("/api/files", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body,
  });
}

function smallFile(text = "# Notes\n- eggs") {
  const form = new FormData();
  form.set("file", new Blob([text]), "notes.md");
  return form;
}

function postForm(b: Browser, form: FormData) {
  return b.fetch("/api/files", { body: form });
}

const leftovers = () =>
  ["incoming", "uploads"].flatMap((d) => {
    const dir = path.join(app.dataDir, d);
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  });
const fileRows = async () => Number((await query(app.databaseUrl, "SELECT count(*) AS n FROM file"))[0]!.n);

describe("an upload over 20 MB", () => {
  it("sent chunked with no Content-Length is cut off soon after 20 MB: 413, nothing kept", async () => {
    const rowsBefore = await fileRows();
    const { stream, seen } = streamingForm(150 * MB);
    const res = await post(alice, stream);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/at most 20 MB/);
    expect(seen.cancelled).toBe(true);
    expect(seen.bytes).toBeLessThan(21 * MB);
    expect(leftovers()).toEqual([]);
    expect(await fileRows()).toBe(rowsBefore);
  });

  it("that claims a small Content-Length is cut off the same way", async () => {
    const { stream, seen } = streamingForm(150 * MB);
    const res = await post(alice, stream, { "content-length": "1000" });
    expect(res.status).toBe(413);
    expect(seen.bytes).toBeLessThan(21 * MB);
    expect(leftovers()).toEqual([]);
  });

  it("that declares its size is refused before any of it is read", async () => {
    const { stream, seen } = streamingForm(150 * MB);
    const res = await post(alice, stream, { "content-length": String(150 * MB) });
    expect(res.status).toBe(413);
    expect(seen.bytes).toBe(0);
  });

  it("is refused even when the file alone passes the limit by a byte", async () => {
    const { stream } = streamingForm(20 * MB + 1);
    const res = await post(alice, stream);
    expect(res.status).toBe(413);
    expect(leftovers()).toEqual([]);
  });
});

describe("a streamed upload within the limit", () => {
  it("is stored whole, under a generated name, with nothing left in the incoming folder", async () => {
    const { stream } = streamingForm(3 * MB);
    const res = await post(alice, stream);
    expect(res.status).toBe(201);
    const saved = await res.json();
    expect(saved).toMatchObject({ name: "big.txt", kind: "document", size: 3 * MB });
    expect(fs.readdirSync(path.join(app.dataDir, "incoming"))).toEqual([]);
    const [row] = await query<{ storage_name: string }>(
      app.databaseUrl,
      "SELECT storage_name FROM file WHERE id = $1",
      [saved.id],
    );
    expect(fs.statSync(path.join(app.dataDir, "uploads", row!.storage_name)).size).toBe(3 * MB);
  });

  it("cut off by the client is refused with 400 and leaves nothing", async () => {
    const head = new TextEncoder().encode(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nsome text`,
    );
    const rowsBefore = await fileRows();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
        controller.error(new Error("socket hang up"));
      },
    });
    const res = await post(alice, stream);
    expect(res.status).toBe(400);
    expect(fs.readdirSync(path.join(app.dataDir, "incoming"))).toEqual([]);
    expect(await fileRows()).toBe(rowsBefore);
  });

  it("that is not a well-formed form is a 400 naming the field", async () => {
    const res = await post(alice, "this is not multipart");
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/field named "file"/);
    expect(fs.readdirSync(path.join(app.dataDir, "incoming"))).toEqual([]);
  });
});

describe("uploads per user per hour", () => {
  it("stop at 200 files with 429 and Retry-After; another user is not affected", async () => {
    // Every attempt counts, refused ones included: the tests above made some.
    let accepted = 0;
    let res: Response | undefined;
    for (let i = 0; i <= 200; i++) {
      res = await postForm(alice, smallFile(`note ${i}`));
      if (res.status === 429) break;
      expect(res.status).toBe(201);
      accepted++;
    }
    expect(res!.status).toBe(429);
    expect(Number(res!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res!.json()).error.message).toMatch(/200 files in the last hour.*Try again in/);
    expect(accepted).toBeGreaterThan(180);
    expect((await postForm(bob, smallFile())).status).toBe(201);
  });

  it("stop at 1 GB: a file that would pass it is refused and not kept, and does not count", async () => {
    const { chargeUploadBytes } = await import("@/lib/files/upload-quota");
    const [bobRow] = await query<{ id: string }>(
      app.databaseUrl,
      `SELECT id FROM "user" WHERE email = 'bob@example.com'`,
    );
    // Bob has uploaded nearly 1 GB this hour.
    await chargeUploadBytes({ userId: bobRow!.id, bytes: 1024 * MB - 8 * 1024 });
    const rowsBefore = await fileRows();
    const big = await postForm(bob, smallFile("x".repeat(64 * 1024)));
    expect(big.status).toBe(429);
    expect((await big.json()).error.message).toMatch(/1 GB in the last hour/);
    expect(await fileRows()).toBe(rowsBefore);
    expect(fs.readdirSync(path.join(app.dataDir, "incoming"))).toEqual([]);
    // What is left of the hour's bytes is still usable.
    expect((await postForm(bob, smallFile("a small note"))).status).toBe(201);
  });
});

describe("a JSON body over its route's limit", () => {
  it("sent chunked with no Content-Length is cut off as soon as it passes the limit: 413, nothing written", async () => {
    const seen = { bytes: 0, cancelled: false };
    const chunk = new Uint8Array(16 * 1024).fill(0x61);
    let first = true;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const next = first ? new TextEncoder().encode('{"name":"Huge","body":"') : chunk;
          first = false;
          seen.bytes += next.length;
          controller.enqueue(next);
        },
        cancel() {
          seen.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const res = await alice.fetch("/api/prompts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
    });
    expect(res.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    expect(seen.bytes).toBeLessThan(64 * 1024 + 2 * chunk.length);
    expect(await query(app.databaseUrl, "SELECT 1 FROM prompt")).toEqual([]);
  });
});
