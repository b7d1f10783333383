import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ApiKeysManager } from "@/components/settings/api-keys-manager";
import { currentUser } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/keys/list-api-keys";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const user = await currentUser(await headers());
  // The (chat) layout already sends visitors to sign in; this narrows the type.
  if (!user) redirect(`/login?next=${encodeURIComponent("/settings/api-keys")}`);
  const keys = await listApiKeys({ userId: user.id });
  return <ApiKeysManager initialKeys={keys} />;
}
