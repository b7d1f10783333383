"use client";
import Link from "next/link";
import { useRef, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { safeNextPath } from "@/lib/utils/safe-next";
import { authErrorMessage, NETWORK_ERROR } from "./auth-error-message";
import { FormAlert, FormField, SubmitButton } from "./form-parts";
import { SocialSignIn, type SocialProvider } from "./social-sign-in";

export function LoginForm({ next, providers }: { next: string; providers: SocialProvider[] }) {
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<"email" | "password" | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");

    const problem: ["email" | "password", string] | null = !email
      ? ["email", "Enter your email address."]
      : !password
        ? ["password", "Enter your password."]
        : null;
    if (problem) {
      setInvalid(problem[0]);
      setError(problem[1]);
      (problem[0] === "email" ? emailRef : passwordRef).current?.focus();
      return;
    }

    setInvalid(null);
    setError(null);
    setPending(true);
    try {
      const { error: failure } = await authClient.signIn.email({ email, password });
      if (failure) {
        setError(authErrorMessage(failure, "sign-in"));
        setPending(false);
        return;
      }
      // A full navigation, so server components see the new session cookie.
      window.location.assign(safeNextPath(next));
    } catch {
      setError(NETWORK_ERROR);
      setPending(false);
    }
  }

  const signupHref = next === "/" ? "/signup" : `/signup?next=${encodeURIComponent(next)}`;

  return (
    <div className="grid gap-6">
      <form method="post" noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="Sign in">
        <FormField
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          label="Email"
          autoComplete="email"
          autoFocus
          required
          invalid={invalid === "email"}
        />
        <FormField
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          required
          invalid={invalid === "password"}
        />
        <FormAlert message={error} />
        <SubmitButton pending={pending}>Sign in</SubmitButton>
      </form>
      <SocialSignIn providers={providers} next={next} onError={setError} />
      <p className="text-center text-sm text-muted-foreground">
        New to Hearth?{" "}
        <Link
          href={signupHref}
          className="rounded-sm font-medium text-foreground underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/60"
        >
          Create an account
        </Link>
      </p>
    </div>
  );
}
