import { VISITOR_CONVERSATION_MS } from "@/lib/shared/embeds";

const STORAGE_KEY = "hearth-embed-visitor";

/**
 * The anonymous visitor's id, kept in this frame's storage for 24 hours so
 * their conversation survives page loads. Browsers partition a framed page's
 * storage by the site framing it, so each site gets its own visitor, and no
 * site can read another's. Without storage (blocked), the id lasts the page.
 */
export function visitorId(): string {
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
