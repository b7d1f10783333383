import type { Metadata } from "next";

export const metadata: Metadata = { title: "System · Administration" };

export default function AdminSystemPage() {
  return <p className="text-sm text-muted-foreground">System: coming in this issue.</p>;
}
