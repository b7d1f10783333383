import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { enabledSocialProviders } from "@/lib/auth/social-providers";
import { LoginForm } from "@/components/auth/login-form";
import { currentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/utils/safe-next";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next: raw } = await searchParams;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  if (await currentUser(await headers())) redirect(next);

  return (
    <>
      <div className="mb-6 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Welcome back</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">Sign in to continue to Hearth.</p>
      </div>
      <LoginForm next={next} providers={enabledSocialProviders()} />
    </>
  );
}
