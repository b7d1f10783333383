import type { Metadata } from "next";

export const metadata: Metadata = { title: "Models · Administration" };

export default function AdminModelsPage() {
  return <p className="text-sm text-muted-foreground">Models: coming in this issue.</p>;
}
