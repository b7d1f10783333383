"use client";
import { useState, type RefObject } from "react";
import { safeNextPath } from "@/lib/utils/safe-next";
import { authErrorMessage, NETWORK_ERROR } from "./auth-error-message";

type AuthCall = () => Promise<{ error: Parameters<typeof authErrorMessage>[0] | null }>;

/**
 * The state both auth forms share: which field is at fault, the message shown,
 * whether a request is under way, and what happens on success (a full
 * navigation to the safe `next` path, so server components see the cookie).
 */
export function useAuthSubmit<F extends string>(options: {
  next: string;
  kind: Parameters<typeof authErrorMessage>[1];
  fields: Record<F, RefObject<HTMLInputElement | null>>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<F | null>(null);
  const [pending, setPending] = useState(false);

  /** Shows a client-side problem and puts the cursor in the field at fault. */
  function reject(field: F, message: string) {
    setInvalid(field);
    setError(message);
    options.fields[field].current?.focus();
  }

  async function submit(call: AuthCall) {
    setInvalid(null);
    setError(null);
    setPending(true);
    try {
      const { error: failure } = await call();
      if (failure) {
        setError(authErrorMessage(failure, options.kind));
        setPending(false);
        return;
      }
      window.location.assign(safeNextPath(options.next));
    } catch {
      setError(NETWORK_ERROR);
      setPending(false);
    }
  }

  return { error, invalid, pending, reject, submit, setError };
}
