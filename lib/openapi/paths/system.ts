/** What anyone may ask the server: is it up, and what its API looks like. */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { apiErrors, appError, publicErrors, session } from "../common";

const check = z
  .object({
    status: z.enum(["ok", "error"]),
    latencyMs: z.number(),
    error: z.string().optional(),
    version: z.string().optional(),
  })
  .meta({ id: "HealthCheck" });

const health = z
  .object({
    status: z.enum(["ok", "degraded", "error"]),
    version: z.string(),
    uptimeSeconds: z.number(),
    checks: z.object({ database: check, runner: check }),
  })
  .meta({ id: "Health" });

const healthExample = {
  status: "ok" as const,
  version: "0.1.0",
  uptimeSeconds: 3600,
  checks: {
    database: { status: "ok" as const, latencyMs: 1 },
    runner: { status: "ok" as const, latencyMs: 3, version: "0.12.0" },
  },
};

export const systemPaths: ZodOpenApiPathsObject = {
  "/api/health": {
    get: {
      tags: ["System"],
      operationId: "getHealth",
      summary: "Health",
      description:
        "For load balancers and monitors: 200 while the database answers (`degraded` when no runner does), 503 otherwise.",
      security: [],
      responses: {
        "200": {
          description: "Serving.",
          content: { "application/json": { schema: health, example: healthExample } },
        },
        "503": {
          description: "The database does not answer.",
          content: { "application/json": { schema: health } },
        },
        ...publicErrors(),
      },
    },
  },
  "/api/openapi.json": {
    get: {
      tags: ["System"],
      operationId: "getOpenApiDocument",
      summary: "This document",
      description:
        "The OpenAPI 3.1 description of this server's API, generated from the schemas that validate its requests.",
      security: [],
      responses: {
        "200": {
          description: "The OpenAPI document.",
          content: { "application/json": { schema: z.object({ openapi: z.string() }).loose() } },
        },
      },
    },
  },
  "/api/metrics": {
    get: {
      tags: ["System"],
      operationId: "getMetrics",
      summary: "Prometheus metrics",
      description:
        "For Prometheus to scrape, in its text format: send the server's `METRICS_TOKEN` as `Authorization: Bearer <token>`. A signed-in admin may read it too (the session cookie). A wrong token is a 401 even with a session.",
      security: session,
      responses: {
        "200": {
          description: "The metrics in Prometheus's text exposition format.",
          content: {
            "text/plain": { schema: z.string().meta({ example: "# HELP hearth_http_requests_total …" }) },
          },
        },
        ...apiErrors(403),
        "401": {
          description: "No `METRICS_TOKEN` bearer and not signed in, or a token that is not valid.",
          headers: z.object({
            "www-authenticate": z
              .string()
              .optional()
              .meta({ description: "Sent with a wrong token.", example: 'Bearer realm="hearth-metrics"' }),
          }),
          content: { "application/json": { schema: appError } },
        },
      },
    },
  },
};
