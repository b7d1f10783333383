"use client";
import { useState, type RefObject } from "react";
import { ApiError, errorMessage } from "@/lib/client/api";

/**
 * A dialog form's state: the error of the last attempt, the field at fault
 * (focused, when it can take focus) and whether a request is under way.
 * `fields` names the form's fields as the server does, with the element to focus for each.
 */
export function useFormRequest<F extends string>(fields: Record<F, RefObject<HTMLElement | null> | null>) {
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<F | null>(null);
  const [pending, setPending] = useState(false);

  /** Shows `message`, marks `field` as the one at fault and puts the cursor there. */
  function fail(field: F | null, message: string) {
    setInvalid(field);
    setError(message);
    if (field) fields[field]?.current?.focus();
  }

  /** Makes the call; its answer goes to `onOk`, a refusal is shown on the field the server named. */
  async function send<T>(request: () => Promise<T>, onOk: (answer: T) => Promise<void> | void) {
    setInvalid(null);
    setError(null);
    setPending(true);
    let answer: T;
    try {
      answer = await request();
    } catch (err) {
      const param = err instanceof ApiError ? err.param?.split(".")[0] : undefined;
      fail(param !== undefined && Object.hasOwn(fields, param) ? (param as F) : null, errorMessage(err));
      setPending(false);
      return;
    }
    return await onOk(answer);
  }

  return { error, invalid, pending, fail, send };
}
