"use client";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { copyText } from "@/lib/client/copy-text";

/**
 * A Copy button's behaviour: `copy` puts the text on the clipboard and
 * `copied` is true for two seconds (for a check mark and "Copied"); when the
 * browser refuses, `failure` is shown as an error toast.
 */
export function useCopyFeedback(failure: string) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy(text: string) {
    if (await copyText(text)) setCopied(true);
    else toast.error(failure);
  }

  return { copied, copy };
}
