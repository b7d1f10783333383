import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { EmbedDetail } from "@/components/settings/embeds/embed-detail";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { embedModelChoices } from "@/lib/embeds/embed-model-choices";
import { listEmbedConversations } from "@/lib/embeds/list-embed-conversations";
import { getEmbed } from "@/lib/embeds/list-embeds";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Embed" };

type Props = { params: Promise<{ embedId: string }> };

export default async function EmbedPage({ params }: Props) {
  const { embedId } = await params;
  const user = await currentUser(await headers());
  if (!user) redirect(`/login?next=${encodeURIComponent(`/settings/embeds/${embedId}`)}`);
  const [embed, conversations, models] = await Promise.all([
    getEmbed({ userId: user.id, embedId }),
    listEmbedConversations({ userId: user.id, embedId }),
    embedModelChoices(),
  ]).catch((err: unknown) => {
    if (isAppError(err) && err.kind === "not_found") notFound();
    throw err;
  });
  return (
    <EmbedDetail
      initialEmbed={embed}
      conversations={conversations}
      models={models}
      appOrigin={new URL(config().appUrl).origin}
    />
  );
}
