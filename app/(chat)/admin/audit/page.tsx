import type { Metadata } from "next";

export const metadata: Metadata = { title: "Audit log · Administration" };

export default function AdminAuditPage() {
  return <p className="text-sm text-muted-foreground">Audit log: coming in this issue.</p>;
}
