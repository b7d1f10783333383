"use client";
import dynamic from "next/dynamic";
import { Spinner } from "@/components/ui/spinner";
import "swagger-ui-react/swagger-ui.css";
import "./swagger-theme.css";

// Swagger UI is large and needs the browser: loaded on this page only, after it renders.
const SwaggerUI = dynamic(() => import("swagger-ui-react"), {
  ssr: false,
  loading: () => (
    <div className="flex items-center gap-2 py-16 text-sm text-muted-foreground" role="status">
      <Spinner /> Loading the API reference…
    </div>
  ),
});

/** The interactive reference: the live document, "Try it out" against this server. */
export function ApiReference() {
  return (
    <div className="hearth-swagger mt-6">
      <SwaggerUI
        url="/api/openapi.json"
        docExpansion="list"
        defaultModelsExpandDepth={0}
        // A pasted key lives as long as the page, never in storage a later visitor could read.
        persistAuthorization={false}
        tryItOutEnabled={false}
        displayRequestDuration
        filter
      />
    </div>
  );
}
