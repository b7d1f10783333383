"use client";
import { useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import "swagger-ui-react/swagger-ui.css";
import "./swagger-theme.css";

interface SwaggerOptions {
  domNode: HTMLElement;
  url: string;
  docExpansion: "list" | "full" | "none";
  defaultModelsExpandDepth: number;
  persistAuthorization: boolean;
  displayRequestDuration: boolean;
  filter: boolean;
  onComplete: () => void;
}

/**
 * swagger-ui-react's prebuilt bundle (Swagger UI with its dependencies inside), mounted by hand.
 * Its React component imports Swagger UI's unbundled core instead, whose ApiDOM Turbopack
 * mis-bundles ("refract is not a function": OpenAPI 3.1 operations never open; vercel/next.js#86507).
 * A file path, because the package's exports name only its component and stylesheet.
 */
async function loadSwaggerUI(): Promise<(options: SwaggerOptions) => unknown> {
  // @ts-expect-error -- a prebuilt bundle without type declarations
  const bundle = await import("../../node_modules/swagger-ui-react/swagger-ui-es-bundle.js");
  return (bundle.default ?? bundle) as (options: SwaggerOptions) => unknown;
}

/** The interactive reference: the live document, "Try it out" against this server. Loaded on this page only. */
export function ApiReference() {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let live = true;
    loadSwaggerUI().then(
      (SwaggerUI) => {
        if (!live || !container.current) return;
        SwaggerUI({
          domNode: container.current,
          url: "/api/openapi.json",
          docExpansion: "list",
          defaultModelsExpandDepth: 0,
          // A pasted key lives as long as the page, never in storage a later visitor could read.
          persistAuthorization: false,
          displayRequestDuration: true,
          filter: true,
          onComplete: () => live && setState("ready"),
        });
      },
      () => live && setState("failed"),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="hearth-swagger mt-6">
      {state === "loading" ? (
        <div className="flex items-center gap-2 py-16 text-sm text-muted-foreground" role="status">
          <Spinner /> Loading the API reference…
        </div>
      ) : null}
      {state === "failed" ? (
        <p className="py-16 text-sm text-muted-foreground" role="alert">
          The API reference could not load. Reload the page, or read{" "}
          <a className="underline underline-offset-4" href="/api/openapi.json">
            /api/openapi.json
          </a>{" "}
          directly.
        </p>
      ) : null}
      <div ref={container} />
    </div>
  );
}
