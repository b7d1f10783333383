import "server-only";
import { AppError } from "@/lib/errors";
import { RefusedAddressError, resolveCheckedHost } from "@/lib/security/outbound-address";
import { getSettings } from "@/lib/settings/settings";

/** The address rules in force now (the admin setting for loopback and LAN addresses). */
export async function webhookAddressPolicy() {
  return { allowPrivate: (await getSettings()).webhooksAllowPrivate };
}

/**
 * Refuses, with a 400 naming `url`, a webhook URL whose host is (or resolves
 * to) an address webhooks may not reach. Sending checks again: DNS can change.
 */
export async function checkWebhookUrl(url: string): Promise<void> {
  try {
    await resolveCheckedHost(new URL(url).hostname, await webhookAddressPolicy());
  } catch (err) {
    if (err instanceof RefusedAddressError) {
      throw new AppError("bad_request", `url: ${err.message}.`, { param: "url" });
    }
    throw err;
  }
}
