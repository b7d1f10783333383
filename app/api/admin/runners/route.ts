import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson, readQuery } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { createRunner } from "@/lib/runners/create-runner";
import { createRunnerInput } from "@/lib/runners/runner-input";
import { listRunners, listRunnersQuery } from "@/lib/runners/list-runners";

/** Every runner; with ?status=1, each one probed (reachable, version, latency). */
export const GET = withAdmin(async (req) => {
  const { status } = readQuery(req, listRunnersQuery);
  return Response.json({ data: await listRunners({ status: status === "1" }) });
});

export const POST = withAdmin(async (req, { user }) => {
  const input = await readJson(req, createRunnerInput);
  const runner = await createRunner(input);
  await recordAudit({
    actor: user,
    action: "runner.create",
    target: { type: "runner", id: runner.id, label: runner.name },
    ip: auditIp(req.headers),
    details: {
      kind: runner.kind,
      baseUrl: runner.baseUrl,
      hasApiKey: runner.hasApiKey,
      enabled: runner.enabled,
    },
  });
  return Response.json(runner, { status: 201 });
});
