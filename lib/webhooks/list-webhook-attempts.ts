import "server-only";
import { desc, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { getOwnedWebhook } from "./get-owned-webhook";
import type { WebhookAttemptView } from "./schemas";

const LOG_LENGTH = 100;

/**
 * An endpoint's delivery log, newest first: every attempt, plus deliveries
 * queued but not tried yet (attempt 0, no status code).
 */
export async function listWebhookAttempts(input: {
  userId: string;
  id: string;
}): Promise<WebhookAttemptView[]> {
  const endpoint = await getOwnedWebhook(input);
  const a = schema.webhookAttempt;
  const d = schema.webhookDelivery;
  const [attempts, waiting] = await Promise.all([
    db()
      .select({ attempt: a, delivery: d })
      .from(a)
      .innerJoin(d, eq(a.deliveryId, d.id))
      .where(eq(a.endpointId, endpoint.id))
      .orderBy(desc(a.createdAt))
      .limit(LOG_LENGTH),
    db().select().from(d).where(eq(d.endpointId, endpoint.id)).orderBy(desc(d.createdAt)).limit(LOG_LENGTH),
  ]);
  const untried: WebhookAttemptView[] = waiting
    .filter((w) => w.attempts === 0 && w.status === "pending")
    .map((w) => ({
      id: `queued:${w.id}`,
      deliveryId: w.id,
      eventType: w.eventType,
      attempt: 0,
      manual: false,
      statusCode: null,
      ok: false,
      latencyMs: 0,
      responseExcerpt: "",
      error: null,
      createdAt: w.createdAt.toISOString(),
      deliveryStatus: w.status,
      nextAttemptAt: w.nextAttemptAt?.toISOString() ?? null,
    }));
  const tried: WebhookAttemptView[] = attempts.map(({ attempt, delivery }) => ({
    id: attempt.id,
    deliveryId: delivery.id,
    eventType: delivery.eventType,
    attempt: attempt.attempt,
    manual: attempt.manual,
    statusCode: attempt.statusCode,
    ok: attempt.ok,
    latencyMs: attempt.latencyMs,
    responseExcerpt: attempt.responseExcerpt,
    error: attempt.error,
    createdAt: attempt.createdAt.toISOString(),
    deliveryStatus: delivery.status,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
  }));
  return [...untried, ...tried].sort((x, y) => y.createdAt.localeCompare(x.createdAt)).slice(0, LOG_LENGTH);
}
