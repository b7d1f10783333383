import type { Metadata } from "next";
import { headers } from "next/headers";
import { Guide } from "@/components/docs/guide";
import { requestOrigin } from "@/lib/http/request-origin";

export const metadata: Metadata = { title: "Guide" };

export default async function DocsGuidePage() {
  // The snippets name the address this browser used, so they work when pasted.
  const origin = requestOrigin(await headers(), "http:") ?? "http://localhost:3000";
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <Guide origin={origin} />
    </main>
  );
}
