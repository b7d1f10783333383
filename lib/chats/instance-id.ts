import os from "node:os";
import { config } from "@/lib/config";

/**
 * Names this process in `message.owner`. Stable across restarts of the same
 * server (host name and port), so that a process coming back after a crash
 * knows which streaming rows were its own.
 */
export function instanceId(): string {
  return `${os.hostname()}:${config().port}`;
}
