import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RunnerView } from "@/lib/shared/admin-models";
import { nameTaken } from "./create-runner";
import { invalidateRunners } from "./registry";
import type { updateRunnerInput } from "./runner-input";
import { DEFAULT_RUNNER_ID } from "./runner-records";
import { runnerView } from "./runner-view";

/**
 * Renames, moves, re-keys, enables or disables a runner. The default
 * runner's URL belongs to OLLAMA_BASE_URL. Returns the runner before and
 * after, for the audit log (which says whether the key changed, never the key).
 */
export async function updateRunner(
  id: string,
  input: z.infer<typeof updateRunnerInput>,
): Promise<{ before: RunnerView; after: RunnerView }> {
  const r = schema.runner;
  const result = await db().transaction(async (tx) => {
    const [before] = await tx.select().from(r).where(eq(r.id, id)).for("update");
    if (!before) throw new AppError("not_found", "No such runner.");
    if (id === DEFAULT_RUNNER_ID && input.baseUrl !== undefined && input.baseUrl !== before.baseUrl) {
      throw new AppError(
        "conflict",
        "This runner's URL is set by the environment variable OLLAMA_BASE_URL; change it there and restart Hearth.",
        { param: "baseUrl" },
      );
    }
    if (input.apiKey && before.kind === "ollama") {
      throw new AppError("bad_request", "apiKey: Ollama runners take no API key.", { param: "apiKey" });
    }
    if (input.name !== undefined && input.name !== before.name) {
      const [taken] = await tx.select({ id: r.id }).from(r).where(eq(r.name, input.name));
      if (taken) throw nameTaken(input.name);
    }
    const [after] = await tx
      .update(r)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
        ...(input.apiKey !== undefined
          ? { apiKeySealed: input.apiKey === null ? null : encryptSecret(input.apiKey) }
          : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        updatedAt: new Date(),
      })
      .where(eq(r.id, id))
      .returning();
    return { before: runnerView(before), after: runnerView(after!) };
  });
  invalidateRunners();
  return result;
}
