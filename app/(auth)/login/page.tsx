import type { Metadata } from "next";
import { enabledSocialProviders } from "@/lib/auth/social-providers";
import { LoginForm } from "@/components/auth/login-form";
import { authPageNext, type AuthPageSearchParams } from "@/lib/auth/auth-page-next";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: AuthPageSearchParams }) {
  const next = await authPageNext(searchParams);

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
