import type { Metadata } from "next";
import Link from "next/link";
import { enabledSocialProviders } from "@/lib/auth/social-providers";
import { SignupForm } from "@/components/auth/signup-form";
import { authPageNext, type AuthPageSearchParams } from "@/lib/auth/auth-page-next";
import { SIGN_UP_CLOSED_MESSAGE, signUpTerms } from "@/lib/auth/sign-up-policy";

export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const next = await authPageNext(searchParams);
  const terms = await signUpTerms();

  if (!terms.open) {
    return (
      <div className="text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Sign-up is closed</h1>
        <p className="mt-3 text-sm text-muted-foreground">{SIGN_UP_CLOSED_MESSAGE}</p>
        <p className="mt-6 text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link
            href="/login"
            className="rounded-sm font-medium text-foreground underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/60"
          >
            Sign in
          </Link>
        </p>
      </div>
    );
  }

  return (
    <>
      <div className="mb-6 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">
          {terms.pending
            ? "An administrator approves new accounts before they can be used."
            : "The first account becomes the administrator."}
        </p>
      </div>
      <SignupForm next={next} providers={enabledSocialProviders()} />
    </>
  );
}
