"use client";
import { useState, type RefObject } from "react";
import { NETWORK_ERROR, readApiFailure } from "./api-error";

/**
 * A dialog form's state: the error of the last attempt, the field at fault
 * (focused, when it can take focus) and whether a request is under way.
 * `fields` names the form's fields as the server does, with the element to
 * focus for each; `labels` renames them in the server's messages.
 */
export function useFormRequest<F extends string>(
  fields: Record<F, RefObject<HTMLElement | null> | null>,
  labels: Record<string, string> = {},
) {
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<F | null>(null);
  const [pending, setPending] = useState(false);

  /** Shows `message`, marks `field` as the one at fault and puts the cursor there. */
  function fail(field: F | null, message: string) {
    setInvalid(field);
    setError(message);
    if (field) fields[field]?.current?.focus();
  }

  /** Sends the request; a success goes to `onOk`, a refusal is shown on the field the server named. */
  async function send(request: () => Promise<Response>, onOk: (res: Response) => Promise<void> | void) {
    setInvalid(null);
    setError(null);
    setPending(true);
    try {
      const res = await request();
      if (res.ok) return await onOk(res);
      const failure = await readApiFailure(res, labels);
      const param = failure.param?.split(".")[0];
      fail(param !== undefined && Object.hasOwn(fields, param) ? (param as F) : null, failure.message);
    } catch {
      setError(NETWORK_ERROR);
    }
    setPending(false);
  }

  return { error, invalid, pending, fail, send };
}
