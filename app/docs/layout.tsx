import type { Metadata } from "next";
import { DocsHeader } from "@/components/docs/docs-header";

export const metadata: Metadata = { title: { default: "API docs", template: "%s · Hearth API" } };

/** The docs are public (proxy.ts): they show nothing of any user, only how to call this server. */
export default function DocsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-dvh bg-background">
      <DocsHeader />
      {children}
    </div>
  );
}
