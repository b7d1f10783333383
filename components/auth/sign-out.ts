"use client";
import { toast } from "sonner";
import { authClient } from "@/lib/auth/client";

/** Ends the session and goes to the sign-in page (or says why it could not). */
export async function signOut(): Promise<void> {
  try {
    const { error } = await authClient.signOut();
    if (error) throw new Error(error.message);
  } catch {
    toast.error("Could not sign out. Please try again.");
    return;
  }
  // A full page load, so no client-side cache of the signed-in pages survives.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/login");
}
