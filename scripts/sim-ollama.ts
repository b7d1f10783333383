/**
 * `npm run sim:ollama`: runs the Ollama simulator by hand, e.g. to point a dev
 * server at it (OLLAMA_BASE_URL) or to try a fault from the browser.
 *
 *   npm run sim:ollama -- --port 11434 --first-token-delay-ms 800 --tokens-per-second 20
 *
 * Flags: --port (11434), --host (127.0.0.1), --first-token-delay-ms, --tokens-per-second,
 * --error-after-tokens, --drop-after-tokens, --http-status, --error-message, --hang,
 * --hang-all, --pull-duration-ms. SIGINT/SIGTERM close it.
 */
import { parseArgs } from "node:util";
import { DEFAULT_FAULTS, startOllamaSim, type Faults } from "../tests/support/ollama-sim/index";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "11434" },
    host: { type: "string", default: "127.0.0.1" },
    "first-token-delay-ms": { type: "string" },
    "tokens-per-second": { type: "string" },
    "error-after-tokens": { type: "string" },
    "drop-after-tokens": { type: "string" },
    "http-status": { type: "string" },
    "error-message": { type: "string" },
    hang: { type: "boolean" },
    "hang-all": { type: "boolean" },
    "pull-duration-ms": { type: "string" },
  },
  strict: true,
});

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    process.stderr.write(`--${flag} must be a non-negative integer, got "${value}"\n`);
    process.exit(2);
  }
  return parsed;
}

const faults: Partial<Faults> = {
  firstTokenDelayMs: integer("first-token-delay-ms", values["first-token-delay-ms"]),
  tokensPerSecond: integer("tokens-per-second", values["tokens-per-second"]),
  errorAfterTokens: integer("error-after-tokens", values["error-after-tokens"]),
  dropAfterTokens: integer("drop-after-tokens", values["drop-after-tokens"]),
  httpStatus: integer("http-status", values["http-status"]),
  errorMessage: values["error-message"],
  hang: values.hang,
  hangAll: values["hang-all"],
  pullDurationMs: integer("pull-duration-ms", values["pull-duration-ms"]),
};

const sim = await startOllamaSim({ port: integer("port", values.port), host: values.host });
sim.setFaults(faults);
const defaults: Record<string, unknown> = DEFAULT_FAULTS;
const active = Object.entries(sim.faults).filter(([key, value]) => value !== defaults[key]);
process.stdout.write(`Ollama simulator listening on ${sim.url}\n`);
if (active.length > 0) process.stdout.write(`faults: ${JSON.stringify(Object.fromEntries(active))}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
