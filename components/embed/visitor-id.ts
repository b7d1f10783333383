import { VISITOR_CONVERSATION_MS } from "@/lib/shared/embeds";

const STORAGE_KEY = "hearth-embed-visitor";

/**
 * The anonymous visitor's id, kept in this frame's storage for 24 hours so
 * their conversation survives page loads. Browsers partition a framed page's
 * storage by the site framing it, so each site gets its own visitor, and no
 * site can read another's. A browser blocking a framed page's storage would
 * lose it: so /widget.js keeps it in the host page's storage and passes it in
 * the frame's #fragment, which wins. Without either, the id lasts the page.
 */
export function visitorId(): string {
  // /widget.js keeps the id in the host page's own storage and hands it over in the #fragment.
  const handed = new URLSearchParams(location.hash.slice(1)).get("visitor");
  if (handed && /^[A-Za-z0-9_-]{16,64}$/.test(handed)) return handed;
  const fresh = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    return btoa(String.fromCharCode(...bytes))
      .replaceAll("+", "-")
      .replaceAll("/", "_");
  };
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as {
      id?: string;
      since?: number;
    } | null;
    if (saved?.id && typeof saved.since === "number" && Date.now() - saved.since < VISITOR_CONVERSATION_MS) {
      return saved.id;
    }
    const id = fresh();
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ id, since: Date.now() }));
    return id;
  } catch {
    return fresh();
  }
}
