import "server-only";
import { config } from "@/lib/config";

export type SocialProvider = "github" | "google";

/** The sign-in providers with credentials configured, so only those buttons show. */
export function enabledSocialProviders(): SocialProvider[] {
  const { oauth } = config();
  const providers: SocialProvider[] = [];
  if (oauth.github) providers.push("github");
  if (oauth.google) providers.push("google");
  return providers;
}
