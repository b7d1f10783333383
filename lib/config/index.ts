import "server-only";
import { loadConfig, type Config } from "./load";

export type { Config } from "./load";
export { ConfigError } from "./load";

let cached: Config | undefined;

/** The validated settings of this process, loaded once. */
export function config(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}
