// No `import "server-only"`: the server entry (outside Next) sets the hook, Next's bundles call it.

// On globalThis so that the server entry and Next's bundles, which each get their own copy of
// this module, share one hook.
const holder = globalThis as unknown as { __hearthExitAfterFailure?: () => Promise<void> };

/** What the server entry runs before exiting on a failed start: stop the embedded database. */
export function setExitAfterFailure(stop: () => Promise<void>): void {
  holder.__hearthExitAfterFailure = stop;
}

/**
 * Ends the process with exit code 1 after a failed start (a bad setting, a
 * migration that could not apply), once what was started has stopped. Called
 * instead of throwing, so Next does not print the reason a second time.
 */
export async function exitAfterFailure(): Promise<never> {
  await holder.__hearthExitAfterFailure?.().catch(() => {});
  process.exit(1);
}
