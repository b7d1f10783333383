import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { NewEmbed } from "@/components/settings/embeds/new-embed";
import { currentUser } from "@/lib/auth/session";
import { embedModelChoices } from "@/lib/embeds/embed-model-choices";

export const metadata: Metadata = { title: "New embed" };

export default async function NewEmbedPage() {
  const user = await currentUser(await headers());
  if (!user) redirect(`/login?next=${encodeURIComponent("/settings/embeds/new")}`);
  return <NewEmbed models={await embedModelChoices()} />;
}
