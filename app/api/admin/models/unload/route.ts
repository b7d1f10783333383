import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { modelTarget } from "@/lib/models/model-target";
import { unloadModel } from "@/lib/models/unload-model";

/** Frees a loaded model's memory on one Ollama runner: body { runnerId, model }. */
export const POST = withAdmin(async (req, { user }) => {
  const target = await readJson(req, modelTarget);
  await unloadModel(target);
  await recordAudit({
    actor: user,
    action: "model.unload",
    target: { type: "model", id: target.model, label: target.model },
    ip: auditIp(req.headers),
    details: { runnerId: target.runnerId },
  });
  return new Response(null, { status: 204 });
});
