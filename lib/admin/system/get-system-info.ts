import "server-only";
import { config } from "@/lib/config";
import type { SystemInfo } from "@/lib/shared/admin-system";
import { measureDisk } from "./measure-disk";
import { probeDatabase } from "./probe-database";
import { PROBE_TIMEOUT_MS, within } from "./probe";
import { probeRunners } from "./probe-runner";

/**
 * Everything /admin/system shows about the server, checked in parallel, each
 * check under its own deadline: the answer comes within about two seconds
 * even when a runner or the disk does not answer.
 */
export async function getSystemInfo(): Promise<SystemInfo> {
  const [database, runners, disk] = await Promise.all([
    probeDatabase(),
    // The runner list comes from the database: when that is down, there is none to check.
    within(probeRunners(), [], PROBE_TIMEOUT_MS + 500),
    measureDisk(),
  ]);
  const uptimeSeconds = Math.round(process.uptime());
  return {
    app: {
      version: config().version,
      uptimeSeconds,
      startedAt: new Date(Date.now() - uptimeSeconds * 1000).toISOString(),
      node: process.version,
    },
    database,
    runners,
    disk,
    checkedAt: new Date().toISOString(),
  };
}
