"use client";
import { useEffect, useState } from "react";

/**
 * A hook for a module loaded on first need (a dynamic import): it gives
 * undefined until the module is there, then the module, to every component
 * that asks, loading it once. For heavy code only some screens use (the code
 * highlighter, KaTeX), so it stays out of the page's first download.
 */
export function lazyModule<T>(load: () => Promise<T>): (wanted?: boolean) => T | undefined {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return function useLazyModule(wanted = true) {
    const [module, setModule] = useState(loaded);
    useEffect(() => {
      if (!wanted || module) return;
      let live = true;
      loading ??= load().then((m) => (loaded = m));
      loading.then(
        (m) => live && setModule(m),
        () => {
          // Offline or a stale deploy: the plain rendering stays; the next mount tries again.
          loading = undefined;
        },
      );
      return () => {
        live = false;
      };
    }, [wanted, module]);
    return wanted ? (module ?? loaded) : undefined;
  };
}
