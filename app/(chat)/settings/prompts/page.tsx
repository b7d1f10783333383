import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { PromptsManager } from "@/components/settings/prompts-manager";
import { currentUser } from "@/lib/auth/session";
import { listPrompts } from "@/lib/prompts/prompts";

export const metadata: Metadata = { title: "Prompts" };

export default async function PromptsPage() {
  const user = await currentUser(await headers());
  // The (chat) layout already sends visitors to sign in; this narrows the type.
  if (!user) redirect(`/login?next=${encodeURIComponent("/settings/prompts")}`);
  const prompts = await listPrompts({ userId: user.id });
  return <PromptsManager initialPrompts={prompts} />;
}
