import "server-only";
import { AppError } from "@/lib/errors";
import { isAdminOnlyEvent } from "@/lib/shared/webhook-events";

/** Instance events (model pulls, new users) are for admins' webhooks only: 403 for anyone else. */
export function checkEventsAllowed(user: { role: string }, events: readonly string[]): void {
  const adminOnly = events.find(isAdminOnlyEvent);
  if (adminOnly && user.role !== "ADMIN") {
    throw new AppError("forbidden", `events: only admins can subscribe to ${adminOnly}.`, {
      param: "events",
    });
  }
}
