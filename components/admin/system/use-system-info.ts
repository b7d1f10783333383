"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "@/lib/client/api";
import { fetchSystemInfo } from "@/lib/client/admin-system";
import type { SystemInfo } from "@/lib/shared/admin-system";

/**
 * The server's status, checked when the page opens and again on demand. The
 * last figures stay on screen while a new check runs.
 */
export function useSystemInfo() {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(true);
  const current = useRef<AbortController | null>(null);

  const check = useCallback(async () => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setChecking(true);
    try {
      setInfo(await fetchSystemInfo(controller.signal));
      setError(null);
    } catch (err) {
      if (controller.signal.aborted) return;
      setError(errorMessage(err));
    }
    setChecking(false);
  }, []);

  useEffect(() => {
    // The first check starts with the page; its answer arrives after the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void check();
    return () => current.current?.abort();
  }, [check]);

  return { info, error, checking, check };
}
