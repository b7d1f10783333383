import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Wordmark } from "@/components/brand/wordmark";
import { SharedConversation } from "@/components/share/shared-conversation";
import { getSharedChat } from "@/lib/shares/get-shared-chat";

type Props = { params: Promise<{ token: string }> };

// A shared chat is public but not for search engines, and never cached across revocation.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const shared = await getSharedChat((await params).token);
  return { title: shared?.title ?? "Shared chat", robots: { index: false, follow: false } };
}

export default async function SharePage({ params }: Props) {
  const shared = await getSharedChat((await params).token);
  if (!shared) notFound();
  return (
    <div className="min-h-dvh bg-background">
      <header className="border-b">
        <div className="mx-auto flex h-14 max-w-3xl items-center justify-between px-4">
          <Wordmark />
          <span className="text-sm text-muted-foreground">Shared conversation · read only</span>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-2xl font-semibold tracking-tight">{shared.title}</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Shared {shared.createdAt.toISOString().slice(0, 10)}. Messages sent after sharing are not included.
        </p>
        <SharedConversation
          messages={shared.messages.map((m) => ({ id: m.id, role: m.role, content: m.content }))}
        />
      </main>
    </div>
  );
}
