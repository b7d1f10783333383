import "server-only";

/**
 * What a model can do ("vision", "tools", "thinking", ...), cached for a
 * minute. Null when it cannot be told (runner down, or a server that does not say).
 */
export { modelCapabilities } from "@/lib/runners/registry";
