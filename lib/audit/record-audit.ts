import "server-only";
import { db, schema } from "@/lib/db/client";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { logger } from "@/lib/log/logger";

export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditEntry {
  /** Null for what nobody signed in did (a failed sign-in). */
  actor: AuditActor | null;
  /** Dotted verb, e.g. "user.disable", "auth.sign_in.failure", "setting.update", "model.pull". */
  action: string;
  target?: { type: string; id?: string | null; label?: string | null };
  /** The client's address, as our server worked it out (lib/http/client-ip). */
  ip?: string | null;
  /** Before/after values and the like; never a secret. */
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row. Never throws and never fails the action it records:
 * a database hiccup here costs the row (logged as a warning), not the action.
 * Call it after the action has committed.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    await db()
      .insert(schema.auditLog)
      .values({
        actorId: entry.actor?.id ?? null,
        actorEmail: entry.actor?.email ?? null,
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        targetLabel: entry.target?.label ?? null,
        ip: entry.ip ?? null,
        details: entry.details ?? null,
      });
  } catch (err) {
    logger().warn({ err, action: entry.action }, "could not write an audit row");
  }
}

/** The address to record: the one our server worked out, whole (not the /64 the limiters use). */
export function auditIp(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER)?.trim() || null;
}
