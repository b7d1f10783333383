import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { EmbedList } from "@/components/settings/embeds/embed-list";
import { currentUser } from "@/lib/auth/session";
import { listEmbeds } from "@/lib/embeds/list-embeds";

export const metadata: Metadata = { title: "Embeds" };

export default async function EmbedsPage() {
  const user = await currentUser(await headers());
  // The (chat) layout already sends visitors to sign in; this narrows the type.
  if (!user) redirect(`/login?next=${encodeURIComponent("/settings/embeds")}`);
  return <EmbedList embeds={await listEmbeds({ userId: user.id })} />;
}
