import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { deleteModel } from "@/lib/models/delete-model";
import { listInstalledModels } from "@/lib/models/list-installed-models";
import { modelTarget } from "@/lib/models/model-target";

/** Installed and loaded models on every runner, with the admin's choices per model. */
export const GET = withAdmin(async () => Response.json(await listInstalledModels()));

/** Deletes a model from one Ollama runner: body { runnerId, model }. */
export const DELETE = withAdmin(async (req, { user }) => {
  const target = await readJson(req, modelTarget);
  await deleteModel(target);
  await recordAudit({
    actor: user,
    action: "model.delete",
    target: { type: "model", id: target.model, label: target.model },
    ip: auditIp(req.headers),
    details: { runnerId: target.runnerId },
  });
  return new Response(null, { status: 204 });
});
