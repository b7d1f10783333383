import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { decodePathParam } from "@/lib/http/path-param";
import { withAdmin } from "@/lib/http/with-user";
import { deleteRunner } from "@/lib/runners/delete-runner";
import { updateRunnerInput } from "@/lib/runners/runner-input";
import { updateRunner } from "@/lib/runners/update-runner";
import type { RunnerView } from "@/lib/shared/admin-models";

/** Renames, moves, re-keys, enables or disables a runner. */
export const PATCH = withAdmin<{ runnerId: string }>(async (req, { user, params }) => {
  const id = decodePathParam(params.runnerId, "runnerId");
  const input = await readJson(req, updateRunnerInput);
  const { before, after } = await updateRunner(id, input);
  await recordAudit({
    actor: user,
    action: "runner.update",
    target: { type: "runner", id, label: after.name },
    ip: auditIp(req.headers),
    details: {
      ...changes(before, after),
      // Whether the key changed, never the key.
      ...(input.apiKey !== undefined ? { apiKey: input.apiKey === null ? "removed" : "replaced" } : {}),
    },
  });
  return Response.json(after);
});

export const DELETE = withAdmin<{ runnerId: string }>(async (req, { user, params }) => {
  const runner = await deleteRunner(decodePathParam(params.runnerId, "runnerId"));
  await recordAudit({
    actor: user,
    action: "runner.delete",
    target: { type: "runner", id: runner.id, label: runner.name },
    ip: auditIp(req.headers),
    details: { kind: runner.kind, baseUrl: runner.baseUrl },
  });
  return new Response(null, { status: 204 });
});

function changes(before: RunnerView, after: RunnerView) {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of ["name", "baseUrl", "enabled"] as const) {
    if (before[key] !== after[key]) out[key] = { before: before[key], after: after[key] };
  }
  return out;
}
