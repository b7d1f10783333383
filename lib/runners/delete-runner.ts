import "server-only";
import { eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RunnerView } from "@/lib/shared/admin-models";
import { invalidateRunners } from "./registry";
import { DEFAULT_RUNNER_ID } from "./runner-records";
import { runnerView } from "./runner-view";

/** Removes a runner (its pull jobs go with it). The runner of OLLAMA_BASE_URL stays while that is set. */
export async function deleteRunner(id: string): Promise<RunnerView> {
  if (id === DEFAULT_RUNNER_ID) {
    throw new AppError(
      "conflict",
      "This runner is set by the environment variable OLLAMA_BASE_URL and cannot be deleted. Disable it instead.",
    );
  }
  const [row] = await db().delete(schema.runner).where(eq(schema.runner.id, id)).returning();
  if (!row) throw new AppError("not_found", "No such runner.");
  invalidateRunners();
  return runnerView(row);
}
