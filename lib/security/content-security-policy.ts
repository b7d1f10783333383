/** Where browsers send the reports of what the policy blocked (app/api/csp-report). */
export const CSP_REPORT_PATH = "/api/csp-report";
/** The Reporting API's name for that endpoint, declared in the Reporting-Endpoints header. */
const REPORT_GROUP = "csp-endpoint";

/** The Reporting-Endpoints header that names the report-to group below (HTTPS pages only). */
export const REPORTING_ENDPOINTS = `${REPORT_GROUP}="${CSP_REPORT_PATH}"`;

/**
 * The Content-Security-Policy of every page: scripts only from this origin
 * and only with this response's nonce (Next.js puts it on its own scripts),
 * no plugins, no framing (but an embed's, by the origins its owner listed),
 * no foreign form targets. Inline style attributes
 * stay allowed: the UI library sets positions that way. Violations are
 * reported to CSP_REPORT_PATH.
 */
export function contentSecurityPolicy(
  nonce: string,
  options: {
    dev: boolean;
    secure: boolean;
    /** Origins that may frame the page (an embed's allowed origins); none by default. */
    frameAncestors?: readonly string[];
  },
): string {
  const ancestors = options.frameAncestors?.length ? options.frameAncestors.join(" ") : "'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
    `report-uri ${CSP_REPORT_PATH}`,
    // Browsers with the Reporting API use report-to and then ignore report-uri, but Chromium takes
    // Reporting-Endpoints only over HTTPS: on plain HTTP (a LAN address) report-to would lose every report.
    ...(options.secure ? [`report-to ${REPORT_GROUP}`] : []),
  ].join("; ");
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
