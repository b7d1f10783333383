import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { webhookAddressPolicy } from "./check-webhook-url";
import { enqueueDeliveries } from "./enqueue-deliveries";
import { sendWebhook } from "./send-webhook";

/**
 * Waits before each retry after a failed attempt: 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 10 h, so a delivery is tried 8 times over about 28 hours
 * (the Standard Webhooks reference schedule).
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
/** An endpoint whose every attempt failed for this long is disabled, with the reason shown to its owner. */
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export interface DeliveryOptions {
  retryDelaysMs: readonly number[];
  disableAfterMs: number;
}

/**
 * Makes one attempt at a delivery and records it. On failure it schedules the
 * next attempt (same `webhook-id`, same body) or, once the endpoint has failed
 * for DISABLE_AFTER_MS, disables the endpoint. A manual redelivery is one
 * extra attempt outside the schedule.
 */
export async function deliverWebhook(
  job: { deliveryId: string; manual?: boolean },
  options: DeliveryOptions = { retryDelaysMs: RETRY_DELAYS_MS, disableAfterMs: DISABLE_AFTER_MS },
): Promise<void> {
  const d = schema.webhookDelivery;
  const w = schema.webhookEndpoint;
  const [row] = await db()
    .select({ delivery: d, endpoint: w })
    .from(d)
    .innerJoin(w, eq(d.endpointId, w.id))
    .where(eq(d.id, job.deliveryId));
  if (!row) return;
  const { delivery, endpoint } = row;
  const manual = job.manual === true;
  // A scheduled attempt for a delivery already settled (by a redelivery, say) has nothing to do.
  if (!manual && delivery.status !== "pending") return;
  if (endpoint.disabledAt) {
    await db()
      .update(d)
      .set({ status: "cancelled", nextAttemptAt: null, updatedAt: sql`now()` })
      .where(and(eq(d.id, delivery.id), eq(d.status, "pending")));
    return;
  }

  const attempt = delivery.attempts + 1;
  const result = await sendWebhook({
    url: endpoint.url,
    id: delivery.id,
    body: delivery.body,
    secret: decryptSecret(endpoint.secretSealed),
    policy: await webhookAddressPolicy(),
  });

  await db().transaction(async (tx) => {
    await tx.insert(schema.webhookAttempt).values({
      deliveryId: delivery.id,
      endpointId: endpoint.id,
      attempt,
      manual,
      statusCode: result.statusCode,
      ok: result.ok,
      latencyMs: result.latencyMs,
      responseExcerpt: result.responseExcerpt,
      error: result.error,
    });
    if (result.ok) {
      await tx
        .update(d)
        .set({ status: "succeeded", attempts: attempt, nextAttemptAt: null, updatedAt: sql`now()` })
        .where(eq(d.id, delivery.id));
      await tx
        .update(w)
        .set({ failingSince: null })
        .where(and(eq(w.id, endpoint.id), sql`${w.failingSince} IS NOT NULL`));
      return;
    }

    const [state] = await tx
      .update(w)
      .set({ failingSince: sql`coalesce(${w.failingSince}, now())` })
      .where(eq(w.id, endpoint.id))
      .returning({
        expired: sql<boolean>`now() - ${w.failingSince} >= make_interval(secs => ${options.disableAfterMs / 1000})`,
      });
    if (state?.expired) {
      const days = Math.round(options.disableAfterMs / 86_400_000);
      await tx
        .update(w)
        .set({
          disabledAt: sql`now()`,
          disabledReason: `Disabled because every delivery failed for ${days === 1 ? "a day" : `${days} days`}. Last error: ${result.error ?? "unknown"}`,
        })
        .where(and(eq(w.id, endpoint.id), sql`${w.disabledAt} IS NULL`));
    }
    const delay = options.retryDelaysMs[attempt - 1];
    // Manual attempts leave the schedule as it was: a pending delivery keeps its next retry.
    const retry = !manual && !state?.expired && delay !== undefined;
    const status = retry
      ? "pending"
      : manual && delivery.status === "pending" && !state?.expired
        ? "pending"
        : "failed";
    const runAt = retry ? new Date(Date.now() + delay) : undefined;
    await tx
      .update(d)
      .set({
        status,
        attempts: attempt,
        ...(runAt ? { nextAttemptAt: runAt } : status === "failed" && { nextAttemptAt: null }),
        updatedAt: sql`now()`,
      })
      .where(eq(d.id, delivery.id));
    if (runAt) await enqueueDeliveries(tx, [delivery.id], { runAt });
  });
}
