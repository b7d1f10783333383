/**
 * The chat page renders this tab has shown, by their render id. The router's
 * back/forward cache mounts a page again as it was first rendered, so a render
 * shown twice may be out of date. It outlives any one view on purpose: it
 * remembers what the tab has seen.
 */
const shown = new Set<string>();

/** True the first time a render is shown; false when the router brings it back from its cache. */
export function showRender(renderId: string): boolean {
  if (shown.has(renderId)) return false;
  shown.add(renderId);
  return true;
}
