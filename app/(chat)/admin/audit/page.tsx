import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit/audit-log";
import { auditQuery, listAudit } from "@/lib/audit/list-audit";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit log · Administration" };

/** The filters and the page are in the URL: a view can be reloaded, bookmarked or sent to another admin. */
export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
  const parsed = auditQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : auditQuery.parse({});
  const filters = { actor: query.actor, action: query.action, from: query.from, to: query.to };
  // A cursor from an old link is refused (400): say so rather than fail the page.
  const page = await listAudit(query).catch((err: unknown) => {
    if (isAppError(err)) return null;
    throw err;
  });
  return <AuditLog filters={filters} page={page} invalid={!parsed.success || page === null} />;
}
