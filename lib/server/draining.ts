// No `import "server-only"`: the server entry (outside Next) sets it, Next's bundles read it.

// On globalThis so that the server entry and Next's bundles, which each get their own copy of
// this module, share one flag.
const holder = globalThis as unknown as { __hearthDraining?: boolean };

/** Whether this process is shutting down: it takes no new work and lets what runs finish. */
export function isDraining(): boolean {
  return holder.__hearthDraining === true;
}

export function startDraining(): void {
  holder.__hearthDraining = true;
}
