"use client";
import Link from "next/link";
import { useRef } from "react";
import { authClient } from "@/lib/auth/client";
import { FormAlert, FormField, SubmitButton } from "./form-parts";
import { SocialSignIn, type SocialProvider } from "./social-sign-in";
import { useAuthSubmit } from "./use-auth-submit";

export function LoginForm({ next, providers }: { next: string; providers: SocialProvider[] }) {
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const { error, invalid, pending, reject, submit, setError } = useAuthSubmit({
    next,
    kind: "sign-in",
    fields: { email: emailRef, password: passwordRef },
  });

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (!email) return reject("email", "Enter your email address.");
    if (!password) return reject("password", "Enter your password.");
    await submit(() => authClient.signIn.email({ email, password }));
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
