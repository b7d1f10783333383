"use client";
import Link from "next/link";
import { useRef } from "react";
import { authClient } from "@/lib/auth/client";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-rules";
import { FormAlert, FormField, SubmitButton } from "./form-parts";
import { SocialSignIn, type SocialProvider } from "./social-sign-in";
import { useAuthSubmit } from "./use-auth-submit";

type Field = "name" | "email" | "password";

function checkSignUp(name: string, email: string, password: string): [Field, string] | null {
  if (!name) return ["name", "Enter your name."];
  if (!email) return ["email", "Enter your email address."];
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return ["email", "Enter a valid email address."];
  if (password.length < PASSWORD_MIN)
    return ["password", `Password must be at least ${PASSWORD_MIN} characters.`];
  if (password.length > PASSWORD_MAX)
    return ["password", `Password must be at most ${PASSWORD_MAX} characters.`];
  return null;
}

export function SignupForm({ next, providers }: { next: string; providers: SocialProvider[] }) {
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const { error, invalid, pending, reject, submit, setError } = useAuthSubmit<Field>({
    next,
    kind: "sign-up",
    fields: { name: nameRef, email: emailRef, password: passwordRef },
  });

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const problem = checkSignUp(name, email, password);
    if (problem) return reject(...problem);
    await submit(async () => {
      const result = await authClient.signUp.email({ name, email, password });
      if (result.error) return result;
      // A taken email gets the same answer as a new one, so no one can test addresses; only a
      // new account comes with a session.
      const { data: session } = await authClient.getSession();
      return session ? result : { error: { code: "USER_ALREADY_EXISTS" } };
    });
  }

  const loginHref = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;

  return (
    <div className="grid gap-6">
      <form method="post" noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="Create account">
        <FormField
          ref={nameRef}
          id="name"
          name="name"
          label="Name"
          autoComplete="name"
          autoFocus
          required
          invalid={invalid === "name"}
        />
        <FormField
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          label="Email"
          autoComplete="email"
          required
          invalid={invalid === "email"}
        />
        <FormField
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          hint={`Use at least ${PASSWORD_MIN} characters.`}
          invalid={invalid === "password"}
        />
        <FormAlert message={error} />
        <SubmitButton pending={pending}>Create account</SubmitButton>
      </form>
      <SocialSignIn providers={providers} next={next} onError={setError} />
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link
          href={loginHref}
          className="rounded-sm font-medium text-foreground underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/60"
        >
          Sign in instead
        </Link>
      </p>
    </div>
  );
}
