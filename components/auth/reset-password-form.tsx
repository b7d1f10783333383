"use client";
import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-rules";
import { errorMessage } from "@/lib/client/api";
import { resetPassword } from "@/lib/client/reset-password";
import { FormAlert, FormField, SubmitButton } from "./form-parts";

function checkPasswords(password: string, repeat: string): ["password" | "repeat", string] | null {
  if (password.length < PASSWORD_MIN) return ["password", `Use at least ${PASSWORD_MIN} characters.`];
  if (password.length > PASSWORD_MAX) return ["password", `Use at most ${PASSWORD_MAX} characters.`];
  if (password !== repeat) return ["repeat", "The two passwords are not the same."];
  return null;
}

/** The new password, twice; then a link to sign in with it. */
export function ResetPasswordForm({ token }: { token: string }) {
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<"password" | "repeat" | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    const problem = checkPasswords(password, String(data.get("repeat") ?? ""));
    if (problem) {
      setInvalid(problem[0]);
      setError(problem[1]);
      (problem[0] === "password" ? passwordRef : repeatRef).current?.focus();
      return;
    }
    setInvalid(null);
    setError(null);
    setPending(true);
    try {
      await resetPassword(token, password);
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  }

  if (done) {
    return (
      <div role="status" className="grid justify-items-center gap-3 text-center">
        <CircleCheck aria-hidden className="size-8 text-brand" />
        <p className="text-sm">
          Your password has been changed, and every device signed in to your account has been signed out.
        </p>
        <Link
          href="/login"
          className="mt-2 inline-flex h-9 items-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground outline-none hover:bg-primary/90 focus-visible:ring-[3px] focus-visible:ring-ring/60"
        >
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="Set a new password">
      <FormField
        ref={passwordRef}
        id="password"
        name="password"
        type="password"
        label="New password"
        autoComplete="new-password"
        autoFocus
        required
        maxLength={PASSWORD_MAX}
        hint={`Use at least ${PASSWORD_MIN} characters.`}
        invalid={invalid === "password"}
      />
      <FormField
        ref={repeatRef}
        id="repeat"
        name="repeat"
        type="password"
        label="Repeat the new password"
        autoComplete="new-password"
        required
        maxLength={PASSWORD_MAX}
        invalid={invalid === "repeat"}
      />
      <FormAlert message={error} />
      <SubmitButton pending={pending}>Set password</SubmitButton>
    </form>
  );
}
