import { clientIp } from "@/lib/http/client-ip";
import { route } from "@/lib/http/route";
import { logCspViolations } from "@/lib/security/log-csp-violations";
import { readCspReport } from "@/lib/security/read-csp-report";

/** Browsers report what the Content-Security-Policy blocked; no sign-in, since any page may report. */
export const POST = route(async (req) => {
  const violations = await readCspReport(req);
  await logCspViolations({ ip: clientIp(req.headers), violations });
  return new Response(null, { status: 204 });
});
