import { auditIp } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { changeSettings } from "@/lib/settings/change-settings";
import { settingsPatch } from "@/lib/settings/settings";
import { settingsView } from "@/lib/settings/settings-view";

export const GET = withAdmin(async () => {
  return Response.json({ settings: await settingsView() });
});

/** Any subset of the settings; one fixed by the environment is refused (409) and nothing changes. */
export const PATCH = withAdmin(async (req, { user }) => {
  const patch = await readJson(req, settingsPatch, { maxBytes: 64 * 1024 });
  await changeSettings({ patch, actor: user, ip: auditIp(req.headers) });
  return Response.json({ settings: await settingsView() });
});
