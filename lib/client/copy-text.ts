/**
 * Puts text on the clipboard. The Clipboard API only exists in secure
 * contexts, and a self-hosted Hearth is often plain http on a LAN address, so
 * fall back to the old execCommand way there. Resolves false when both fail.
 */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      /* denied: try the old way */
    }
  }
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // Inside an open dialog, anything focused outside it is pulled back: put the helper in the dialog.
  const host = active?.closest<HTMLElement>("[role=dialog],[role=alertdialog]") ?? document.body;
  const helper = document.createElement("textarea");
  helper.value = text;
  helper.setAttribute("readonly", "");
  helper.style.cssText = "position:fixed;top:0;left:0;opacity:0;pointer-events:none";
  host.append(helper);
  helper.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  helper.remove();
  active?.focus();
  return copied;
}
