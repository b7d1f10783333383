import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { WebhooksManager } from "@/components/settings/webhooks/webhooks-manager";
import { currentUser } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await currentUser(await headers());
  // The (chat) layout already sends visitors to sign in; this narrows the type.
  if (!user) redirect(`/login?next=${encodeURIComponent("/settings/webhooks")}`);
  const webhooks = await listWebhooks({ userId: user.id });
  return <WebhooksManager initialWebhooks={webhooks} isAdmin={user.role === "ADMIN"} />;
}
