/**
 * What GET /api/admin/audit answers with, shared by the server and the
 * /admin/audit page. Types and constants only.
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

/** The filters the page keeps in its URL, as the API takes them. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  /** ISO instants: from (inclusive) and to (exclusive). */
  from?: string;
  to?: string;
}

/** Families and actions an admin can filter by (a filter is a prefix: "user." finds them all). */
export const AUDIT_ACTIONS = [
  "auth.",
  "auth.sign_in.success",
  "auth.sign_in.failure",
  "auth.sign_up",
  "user.",
  "user.create",
  "user.approve",
  "user.role.change",
  "user.disable",
  "user.enable",
  "user.delete",
  "user.limits.change",
  "user.reset_link.create",
  "key.",
  "key.create",
  "key.revoke",
  "setting.update",
  "runner.",
  "model.",
  "model.pull",
  "model.delete",
  "model.update",
] as const;
