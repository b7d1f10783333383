import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/utils/safe-next";
import { currentUser } from "./session";

export type AuthPageSearchParams = Promise<{ next?: string | string[] }>;

/**
 * For /login and /signup: where to go after success (a same-site path from
 * `?next=`, else "/"). A visitor who is already signed in goes there now.
 */
export async function authPageNext(searchParams: AuthPageSearchParams): Promise<string> {
  const { next: raw } = await searchParams;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  if (await currentUser(await headers())) redirect(next);
  return next;
}
