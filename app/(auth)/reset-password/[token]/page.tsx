import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { checkResetLink } from "@/lib/users/reset-password";

// The token is in the address: no page it links to may learn it from the Referer.
export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };

const REFUSED = {
  invalid: {
    title: "This link is not valid",
    text: "Check that you copied the whole link, or ask your administrator for a new one.",
  },
  used: {
    title: "This link has already been used",
    text: "A password-reset link works once. If you did not use it, ask your administrator for a new one.",
  },
  expired: {
    title: "This link has expired",
    text: "Password-reset links work for 24 hours. Ask your administrator for a new one.",
  },
} as const;

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await checkResetLink(token);

  if (state !== "valid") {
    const { title, text } = REFUSED[state];
    return (
      <div className="text-center">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-3 text-sm text-muted-foreground">{text}</p>
        <p className="mt-6 text-sm text-muted-foreground">
          <Link
            href="/login"
            className="rounded-sm font-medium text-foreground underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/60"
          >
            Go to sign in
          </Link>
        </p>
      </div>
    );
  }

  return (
    <>
      <div className="mb-6 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Set a new password</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">
          Choose the password you will sign in with. This link works once.
        </p>
      </div>
      <ResetPasswordForm token={token} />
    </>
  );
}
