import { useEffect, type RefObject } from "react";

/**
 * Talks to /widget.js on the host page when framed by it: says when the chat
 * is ready, takes focus when the panel opens, and asks to close on Esc (keys
 * pressed in a frame never reach the page around it).
 */
export function useHostFrame(input: RefObject<HTMLTextAreaElement | null>) {
  useEffect(() => {
    if (window.parent === window) return;
    const parent = window.parent;
    const onMessage = (e: MessageEvent) => {
      if (e.source !== parent) return;
      if ((e.data as { type?: unknown } | null)?.type === "hearth:focus")
        input.current?.focus({ preventScroll: true });
    };
    const onKey = (e: KeyboardEvent) => {
      // Nothing in these messages is private: any page framing us may hear them.
      if (e.key === "Escape") parent.postMessage({ type: "hearth:close" }, "*");
    };
    window.addEventListener("message", onMessage);
    window.addEventListener("keydown", onKey);
    parent.postMessage({ type: "hearth:ready" }, "*");
    return () => {
      window.removeEventListener("message", onMessage);
      window.removeEventListener("keydown", onKey);
    };
  }, [input]);
}
