/**
 * What GET /api/admin/audit answers with, shared by the server and the
 * /admin/audit page. Types only.
 */

export interface AuditEntryView {
  id: number;
  /** ISO. */
  createdAt: string;
  /** Null for what nobody signed in did (a failed sign-in). */
  actor: { id: string | null; email: string | null } | null;
  action: string;
  target: { type: string | null; id: string | null; label: string | null } | null;
  ip: string | null;
  /** Before/after values and the like, as recorded; never a secret. */
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `cursor` with `direction=older` for the next page; null on the last. */
  older: string | null;
  /** Pass as `cursor` with `direction=newer` for the page before; null on the first. */
  newer: string | null;
}
