import "server-only";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { postgresLimiter, takePoints } from "@/lib/rate-limit/postgres-limiter";
import type { CspViolation } from "./read-csp-report";
import { scrubReportedUrl } from "./scrub-reported-url";

/**
 * Violations one address may have logged per minute. A page that trips the
 * policy in a loop, or anyone posting reports by hand, cannot flood the log.
 */
export const CSP_REPORT_LIMIT = { points: 60, duration: 60 };

/** Logs one warning per violation, scrubbed; a 429 once the address has used its share. */
export async function logCspViolations(input: { ip: string; violations: CspViolation[] }): Promise<void> {
  if (input.violations.length === 0) return;
  const wait = await takePoints(
    postgresLimiter("csp:reports", CSP_REPORT_LIMIT),
    input.ip,
    input.violations.length,
  );
  if (wait > 0) {
    throw new AppError("rate_limited", `Too many CSP reports. Try again in ${wait} s.`, {
      headers: { "retry-after": String(wait) },
    });
  }
  for (const violation of input.violations) {
    logger().warn(
      {
        csp: {
          directive: violation.directive.slice(0, 100),
          blockedUrl: scrubReportedUrl(violation.blockedUrl),
          documentUrl: scrubReportedUrl(violation.documentUrl),
          disposition: violation.disposition?.slice(0, 20),
        },
      },
      "content security policy violation",
    );
  }
}
