import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { SETTING_LABELS, type SettingKey } from "@/lib/shared/admin-system";
import { updateSettings, type SettingsPatch } from "./settings";

/**
 * An admin's change to the instance settings: stored (a setting the
 * environment fixes is refused with 409, nothing written), then one audit
 * row with the values before and after of what really changed. No setting
 * is a secret, so values are recorded whole.
 */
export async function changeSettings(input: {
  patch: SettingsPatch;
  actor: AuditActor;
  ip: string | null;
}): Promise<void> {
  const { before, after } = await updateSettings(input.patch, input.actor.id);
  const changed = (Object.keys(after) as SettingKey[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  if (changed.length === 0) return;
  await recordAudit({
    actor: input.actor,
    action: "setting.update",
    target: {
      type: "setting",
      id: changed.join(","),
      label: changed.map((k) => SETTING_LABELS[k]).join(", "),
    },
    ip: input.ip,
    details: {
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    },
  });
}
