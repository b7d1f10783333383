import type { Metadata } from "next";
import { enabledSocialProviders } from "@/lib/auth/social-providers";
import { SignupForm } from "@/components/auth/signup-form";
import { authPageNext, type AuthPageSearchParams } from "@/lib/auth/auth-page-next";

export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const next = await authPageNext(searchParams);

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
