import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, REPORTING_ENDPOINTS } from "@/lib/security/content-security-policy";

describe("contentSecurityPolicy", () => {
  it("reports violations by report-uri always, and by report-to only over HTTPS", () => {
    const http = contentSecurityPolicy("abc", { dev: false, secure: false });
    expect(http).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(http).toContain("report-uri /api/csp-report");
    expect(http).not.toContain("report-to");
    const https = contentSecurityPolicy("abc", { dev: false, secure: true });
    expect(https).toMatch(/; report-uri \/api\/csp-report; report-to csp-endpoint$/);
    expect(REPORTING_ENDPOINTS).toBe('csp-endpoint="/api/csp-report"');
  });

  it("allows eval only in development", () => {
    expect(contentSecurityPolicy("n", { dev: true, secure: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { dev: false, secure: false })).not.toContain("'unsafe-eval'");
  });
});
