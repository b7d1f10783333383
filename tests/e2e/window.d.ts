import type axe from "axe-core";

/** What the e2e tests put on, or look for on, the page's window. */
declare global {
  interface Window {
    /** Set by any XSS payload that ran (xss-corpus.ts). */
    __xss?: string;
    /** The page's own securitypolicyviolation events (xss-corpus.ts). */
    __cspEvents: string[];
    /** Set by a script the CSP should have blocked (csp-report.e2e.ts). */
    __injected?: boolean;
    /** axe-core, evaluated into the page by pages/accessibility.ts. */
    axe: typeof axe;
  }
}
