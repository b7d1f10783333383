import type { Metadata } from "next";

export const metadata: Metadata = { title: "Usage · Administration" };

export default function AdminUsagePage() {
  return <p className="text-sm text-muted-foreground">Usage: coming in this issue.</p>;
}
