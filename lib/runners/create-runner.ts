import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RunnerView } from "@/lib/shared/admin-models";
import { invalidateRunners } from "./registry";
import type { createRunnerInput } from "./runner-input";
import { runnerView } from "./runner-view";

/** Adds a runner after the others; its API key is sealed with ENCRYPTION_KEY before it is stored. */
export async function createRunner(input: z.infer<typeof createRunnerInput>): Promise<RunnerView> {
  const [row] = await db()
    .insert(schema.runner)
    .values({
      id: randomUUID(),
      name: input.name,
      kind: input.kind,
      baseUrl: input.baseUrl,
      apiKeySealed: input.apiKey ? encryptSecret(input.apiKey) : null,
      enabled: input.enabled ?? true,
      position: sql`(SELECT coalesce(max(${schema.runner.position}), 0) + 1 FROM ${schema.runner})`,
    })
    .onConflictDoNothing({ target: schema.runner.name })
    .returning();
  if (!row) throw nameTaken(input.name);
  invalidateRunners();
  return runnerView(row);
}

export function nameTaken(name: string): AppError {
  return new AppError("conflict", `A runner named ${name} already exists. Choose another name.`, {
    param: "name",
  });
}
