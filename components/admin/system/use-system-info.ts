"use client";
import { useEffect, useState } from "react";
import { errorMessage } from "@/lib/client/api";
import { fetchSystemInfo } from "@/lib/client/admin-system";
import type { SystemInfo } from "@/lib/shared/admin-system";

/**
 * The server's status, checked when the page opens and again on demand (a
 * new check abandons one under way). The last figures stay on screen while
 * a new check runs.
 */
export function useSystemInfo() {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The first check starts with the page.
  const [checking, setChecking] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSystemInfo(controller.signal).then(
      (next) => {
        setInfo(next);
        setError(null);
        setChecking(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(err));
        setChecking(false);
      },
    );
    return () => controller.abort();
  }, [round]);

  return {
    info,
    error,
    checking,
    check: () => {
      setChecking(true);
      setRound((n) => n + 1);
    },
  };
}
