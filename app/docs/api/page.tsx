import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";

export const metadata: Metadata = { title: "API reference" };

export default function ApiReferencePage() {
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
      <p className="mt-2 max-w-3xl text-sm text-muted-foreground">
        Every endpoint, generated from the schemas that check its requests. To try the OpenAI-compatible{" "}
        <code className="font-mono">/v1</code> endpoints, choose <strong>Authorize</strong>, paste an API key
        under <code className="font-mono">apiKey</code>, then <strong>Try it out</strong>. The{" "}
        <code className="font-mono">/api</code> endpoints use your session when you are signed in. The
        document itself is at{" "}
        <a className="underline underline-offset-4" href="/api/openapi.json">
          /api/openapi.json
        </a>
        .
      </p>
      <ApiReference />
    </main>
  );
}
