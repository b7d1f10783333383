import "server-only";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { invalidateModelCaches } from "@/lib/runners/registry";
import { getSettings, updateSettings } from "@/lib/settings/settings";
import { storableText } from "@/lib/validation/storable-text";
import { forgetModelSettings, modelSettings, type ModelSetting } from "./model-settings";

export const updateModelSettingInput = z
  .object({
    /** The id clients use: "llama3.2:3b", or "runner/model". */
    model: storableText({ error: "is required" })
      .trim()
      .min(1, "is required")
      .max(400, "at most 400 characters")
      .regex(/^\S+$/, "must not contain spaces"),
    enabled: z.boolean().optional(),
    /** Shown in the pickers instead of the id; null or "" goes back to the id. */
    displayName: storableText().trim().max(80, "at most 80 characters").nullable().optional(),
    /** true: new chats start with this model; false: no default (when it was this one). */
    isDefault: z.boolean().optional(),
  })
  .strict();

type Before = ModelSetting & { isDefault: boolean };

/**
 * Enables or disables a model for users, names it, or makes it the default
 * for new chats. Returns the values before and after, for the audit log.
 */
export async function updateModelSetting(
  input: z.infer<typeof updateModelSettingInput>,
  actorId: string,
): Promise<{ before: Before; after: Before }> {
  const current = (await modelSettings()).get(input.model);
  const settings = await getSettings();
  const before: Before = {
    enabled: current?.enabled ?? true,
    displayName: current?.displayName ?? null,
    isDefault: settings.defaultModel === input.model,
  };
  const after: Before = {
    enabled: input.enabled ?? before.enabled,
    displayName: input.displayName === undefined ? before.displayName : input.displayName || null,
    isDefault: input.isDefault ?? before.isDefault,
  };
  // The default first: an environment-fixed DEFAULT_MODEL refuses (409) before anything is written.
  if (after.isDefault !== before.isDefault) {
    await updateSettings({ defaultModel: after.isDefault ? input.model : "" }, actorId);
  }
  if (after.enabled !== before.enabled || after.displayName !== before.displayName) {
    await db()
      .insert(schema.modelSetting)
      .values({ model: input.model, enabled: after.enabled, displayName: after.displayName })
      .onConflictDoUpdate({
        target: schema.modelSetting.model,
        set: { enabled: after.enabled, displayName: after.displayName, updatedAt: new Date() },
      });
  }
  forgetModelSettings();
  invalidateModelCaches();
  return { before, after };
}
