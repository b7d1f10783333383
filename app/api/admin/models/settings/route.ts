import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { updateModelSetting, updateModelSettingInput } from "@/lib/models/update-model-setting";

/** Enables or disables a model for users, names it, or makes it the default for new chats. */
export const PATCH = withAdmin(async (req, { user }) => {
  const input = await readJson(req, updateModelSettingInput);
  const { before, after } = await updateModelSetting(input, user.id);
  await recordAudit({
    actor: user,
    action: "model.update",
    target: { type: "model", id: input.model, label: after.displayName ?? input.model },
    ip: auditIp(req.headers),
    details: { before, after },
  });
  return Response.json({ model: input.model, ...after });
});
