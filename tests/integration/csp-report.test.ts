import { beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { appFetch, appRequest } from "../support/app-client";
import { setupTestApp } from "../support/test-app";

let warn: MockInstance;
let limit: number;

beforeAll(async () => {
  await setupTestApp();
  const { logger } = await import("@/lib/log/logger");
  warn = vi.spyOn(logger(), "warn");
  limit = (await import("@/lib/security/log-csp-violations")).CSP_REPORT_LIMIT.points;
});

beforeEach(() => warn.mockClear());

let nextIp = 1;
/** Each test reports from an address of its own, so the per-address limit of one never touches another. */
function report(body: string, type: string, ip = `192.0.2.${nextIp++}`) {
  return appFetch(
    appRequest("/api/csp-report", {
      body,
      headers: {
        "content-type": type,
        "x-hearth-client-ip": ip,
        cookie: "better-auth.session_token=do-not-log-me",
      },
    }),
  );
}

const SHARE_TOKEN = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFi";

const legacyReport = {
  "csp-report": {
    "document-uri": `http://localhost:3000/share/${SHARE_TOKEN}?token=secret-query#frag`,
    referrer: "",
    "violated-directive": "script-src-elem",
    "effective-directive": "script-src-elem",
    "original-policy": "default-src 'self'",
    disposition: "enforce",
    "blocked-uri": "inline",
    "status-code": 200,
    "script-sample": "window.__xss='secret sample'",
  },
};

const reportingApiBatch = [
  {
    type: "csp-violation",
    age: 10,
    url: "http://localhost:3000/c/2b8f5c0e-3b0a-4c7e-9a53-1f1f2e3d4c5b",
    user_agent: "Chromium",
    body: {
      documentURL: "http://localhost:3000/c/2b8f5c0e-3b0a-4c7e-9a53-1f1f2e3d4c5b?session=abc",
      blockedURL: "https://evil.example/x.js?key=stolen",
      effectiveDirective: "script-src-elem",
      originalPolicy: "default-src 'self'",
      disposition: "enforce",
      sample: "",
      statusCode: 200,
    },
  },
  { type: "deprecation", age: 0, url: "http://localhost:3000/", body: { id: "x", message: "old API" } },
  {
    type: "csp-violation",
    age: 3,
    url: "http://localhost:3000/",
    body: {
      documentURL: "http://localhost:3000/",
      blockedURL: "data:text/html,<script>",
      effectiveDirective: "frame-src",
    },
  },
];

function loggedViolations() {
  return warn.mock.calls.map(([fields, message]) => ({ ...(fields as { csp: object }).csp, message }));
}

describe("POST /api/csp-report", () => {
  it("logs a report-uri report (application/csp-report) as one scrubbed warning and answers 204", async () => {
    const res = await report(JSON.stringify(legacyReport), "application/csp-report");
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(loggedViolations()).toEqual([
      {
        message: "content security policy violation",
        directive: "script-src-elem",
        blockedUrl: "inline",
        documentUrl: "http://localhost:3000/share/[redacted]",
        disposition: "enforce",
      },
    ]);
    const logged = JSON.stringify(warn.mock.calls);
    for (const secret of [SHARE_TOKEN, "secret-query", "secret sample", "do-not-log-me", "frag"]) {
      expect(logged).not.toContain(secret);
    }
  });

  it("logs each csp-violation of a Reporting API batch (application/reports+json) and skips other types", async () => {
    const res = await report(JSON.stringify(reportingApiBatch), "application/reports+json");
    expect(res.status).toBe(204);
    expect(loggedViolations()).toEqual([
      {
        message: "content security policy violation",
        directive: "script-src-elem",
        blockedUrl: "https://evil.example/x.js",
        documentUrl: "http://localhost:3000/c/2b8f5c0e-3b0a-4c7e-9a53-1f1f2e3d4c5b",
        disposition: "enforce",
      },
      {
        message: "content security policy violation",
        directive: "frame-src",
        blockedUrl: "data:",
        documentUrl: "http://localhost:3000/",
        disposition: undefined,
      },
    ]);
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/stolen|session=|<script>/);
  });

  it("refuses a body that is not a report with a 400 that says why, and logs nothing", async () => {
    for (const [body, type, message] of [
      ["{not json", "application/csp-report", "The request body is not valid JSON."],
      [JSON.stringify({ hello: "world" }), "application/csp-report", "csp-report: "],
      [JSON.stringify([]), "application/reports+json", "Too small"],
      [JSON.stringify({ type: "csp-violation" }), "application/reports+json", "expected array"],
    ] as const) {
      const res = await report(body, type);
      expect(res.status, body).toBe(400);
      const json = await res.json();
      expect(json.error.code).toBe("bad_request");
      expect(json.error.message).toContain(message);
      expect(JSON.stringify(json)).not.toMatch(/ at |\.ts:/);
    }
    const res = await report(JSON.stringify(legacyReport), "text/plain");
    expect(res.status).toBe(415);
    expect((await res.json()).error.message).toMatch(/application\/csp-report or application\/reports\+json/);
    expect(warn).not.toHaveBeenCalled();
  });

  it("refuses a body over 64 KB with 413, whether declared or not", async () => {
    const huge = JSON.stringify({ "csp-report": { "blocked-uri": "x".repeat(70 * 1024) } });
    const res = await report(huge, "application/csp-report");
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe("The request body is larger than 65536 bytes.");
    expect(warn).not.toHaveBeenCalled();
  });

  it("logs at most its limit of violations per address per minute, then answers 429", async () => {
    const ip = "198.51.100.7";
    const statuses: number[] = [];
    for (let i = 0; i < limit + 5; i++) {
      statuses.push((await report(JSON.stringify(legacyReport), "application/csp-report", ip)).status);
    }
    expect(statuses.filter((s) => s === 204)).toHaveLength(limit);
    expect(statuses.slice(limit)).toEqual([429, 429, 429, 429, 429]);
    expect(warn).toHaveBeenCalledTimes(limit);
    // Another address is not held back by that one.
    expect((await report(JSON.stringify(legacyReport), "application/csp-report")).status).toBe(204);
  });
});
