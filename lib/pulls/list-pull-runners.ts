import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";

/** The enabled Ollama runners, in their order: where a model can be pulled to. */
export async function listPullRunners(): Promise<{ id: string; name: string }[]> {
  const { runner } = schema;
  return db()
    .select({ id: runner.id, name: runner.name })
    .from(runner)
    .where(and(eq(runner.kind, "ollama"), eq(runner.enabled, true)))
    .orderBy(asc(runner.position), asc(runner.name));
}
