import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { enabledSocialProviders } from "@/lib/auth/social-providers";
import { SignupForm } from "@/components/auth/signup-form";
import { currentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/utils/safe-next";

export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage({
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
        <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">The first account becomes the administrator.</p>
      </div>
      <SignupForm next={next} providers={enabledSocialProviders()} />
    </>
  );
}
