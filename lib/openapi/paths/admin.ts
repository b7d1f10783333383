/**
 * The admin console's API (ADMIN role only: 401 signed out, 403 for a USER).
 * Request schemas are the handlers' own; answers are described by their main
 * fields (the admin pages are their one client, so they may gain fields).
 */
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { auditQuery } from "@/lib/audit/list-audit";
import { modelTarget } from "@/lib/models/model-target";
import { updateModelSettingInput } from "@/lib/models/update-model-setting";
import { startPullInput } from "@/lib/pulls/start-pull";
import { listRunnersQuery } from "@/lib/runners/list-runners";
import { createRunnerInput, updateRunnerInput } from "@/lib/runners/runner-input";
import { settingsPatch } from "@/lib/settings/settings";
import { usageQuery } from "@/lib/usage/usage-range";
import { createUserInput } from "@/lib/users/create-user";
import { listUsersQuery } from "@/lib/users/list-users";
import { updateUserInput } from "@/lib/users/update-user";
import { apiErrors, idParam, isoDate, json, noContent, ok, session } from "../common";

/** An admin operation: session auth, the admin tag, 401/403/500 always. */
function admin(
  op: Omit<ZodOpenApiOperationObject, "security">,
  ...errors: number[]
): ZodOpenApiOperationObject {
  return {
    tags: ["Admin"],
    security: session,
    ...op,
    responses: { ...op.responses, ...apiErrors(403, ...errors) },
  };
}

const obj = (id: string, description: string, shape: z.ZodRawShape = {}) =>
  z.object(shape).loose().meta({ id, description });

const runner = obj("Runner", "A model runner (Ollama or an OpenAI-compatible server).", {
  id: z.string(),
  name: z.string(),
  kind: z.enum(["ollama", "openai"]),
  baseUrl: z.string(),
  enabled: z.boolean(),
  hasApiKey: z.boolean(),
});
const pullJob = obj("PullJob", "A model download on one runner.", {
  id: z.string(),
  runnerId: z.string(),
  model: z.string(),
  status: z.string(),
});
const adminUser = obj("AdminUser", "A user as the admin sees them.", {
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["ADMIN", "USER"]),
});
const settings = z.object({
  settings: obj("Settings", "Each setting's value and, if the environment fixes it, by what."),
});

const runnerParams = z.object({ runnerId: idParam("The runner's id.") });
const jobParams = z.object({ jobId: idParam("The pull job's id.") });
const userParams = z.object({ userId: idParam("The user's id.") });

export const adminPaths: ZodOpenApiPathsObject = {
  "/api/admin/users": {
    get: admin(
      {
        operationId: "adminListUsers",
        summary: "List users",
        requestParams: { query: listUsersQuery },
        responses: {
          "200": ok(
            "A page of users.",
            obj("AdminUserPage", "Users, the page asked for, and the totals.", { users: z.array(adminUser) }),
          ),
        },
      },
      400,
    ),
    post: admin(
      {
        operationId: "adminCreateUser",
        summary: "Create a user",
        requestBody: { required: true, content: json(createUserInput) },
        responses: { "201": ok("The new user.", adminUser) },
      },
      400,
      409,
      413,
    ),
  },
  "/api/admin/users/{userId}": {
    patch: admin(
      {
        operationId: "adminUpdateUser",
        summary: "Change a user's role, status or limits",
        requestParams: { path: userParams },
        requestBody: { required: true, content: json(updateUserInput, { requestsPerMinute: 60 }) },
        responses: {
          "200": ok("The user's new state.", obj("AdminUserChange", "The user's id and changed fields.")),
        },
      },
      400,
      404,
      409,
      413,
    ),
    delete: admin(
      {
        operationId: "adminDeleteUser",
        summary: "Delete a user and all their data",
        requestParams: { path: userParams },
        responses: { "204": noContent },
      },
      404,
      409,
    ),
  },
  "/api/admin/users/{userId}/reset-link": {
    post: admin(
      {
        operationId: "adminCreateResetLink",
        summary: "Create a password reset link",
        description: "A one-time link to hand to the user; shown this once.",
        requestParams: { path: userParams },
        responses: {
          "201": ok("The link.", z.object({ url: z.string(), expiresAt: isoDate }).loose()),
        },
      },
      404,
      409,
    ),
  },
  "/api/admin/runners": {
    get: admin({
      operationId: "adminListRunners",
      summary: "List runners",
      requestParams: { query: listRunnersQuery },
      responses: { "200": ok("Every runner.", z.object({ data: z.array(runner) })) },
    }),
    post: admin(
      {
        operationId: "adminCreateRunner",
        summary: "Add a runner",
        requestBody: { required: true, content: json(createRunnerInput) },
        responses: { "201": ok("The new runner.", runner) },
      },
      400,
      409,
      413,
    ),
  },
  "/api/admin/runners/{runnerId}": {
    patch: admin(
      {
        operationId: "adminUpdateRunner",
        summary: "Change a runner",
        requestParams: { path: runnerParams },
        requestBody: { required: true, content: json(updateRunnerInput) },
        responses: { "200": ok("The changed runner.", runner) },
      },
      400,
      404,
      409,
      413,
    ),
    delete: admin(
      {
        operationId: "adminDeleteRunner",
        summary: "Remove a runner",
        requestParams: { path: runnerParams },
        responses: { "204": noContent },
      },
      404,
      409,
    ),
  },
  "/api/admin/models": {
    get: admin({
      operationId: "adminListModels",
      summary: "Installed and loaded models",
      responses: {
        "200": ok(
          "Every runner's models.",
          obj("ModelsOverview", "Installed and running models per runner."),
        ),
      },
    }),
    delete: admin(
      {
        operationId: "adminDeleteModel",
        summary: "Delete a model from an Ollama runner",
        requestBody: { required: true, content: json(modelTarget) },
        responses: { "204": noContent },
      },
      400,
      404,
      502,
      503,
    ),
  },
  "/api/admin/models/details": {
    get: admin(
      {
        operationId: "adminModelDetails",
        summary: "A model's details",
        description: "Capabilities, context length, template, parameters and Modelfile.",
        requestParams: { query: modelTarget },
        responses: {
          "200": ok("The details.", obj("ModelDetails", "What the runner says about the model.")),
        },
      },
      400,
      404,
      502,
      503,
    ),
  },
  "/api/admin/models/settings": {
    patch: admin(
      {
        operationId: "adminUpdateModelSetting",
        summary: "Enable, rename or make a model the default",
        requestBody: { required: true, content: json(updateModelSettingInput) },
        responses: { "200": ok("The model's settings.", obj("ModelSetting", "The model and its settings.")) },
      },
      400,
      413,
    ),
  },
  "/api/admin/models/unload": {
    post: admin(
      {
        operationId: "adminUnloadModel",
        summary: "Free a loaded model's memory",
        requestBody: { required: true, content: json(modelTarget) },
        responses: { "204": noContent },
      },
      400,
      404,
      502,
      503,
    ),
  },
  "/api/admin/pulls": {
    get: admin({
      operationId: "adminListPulls",
      summary: "Model downloads",
      responses: { "200": ok("Running, then recent, pulls.", z.object({ jobs: z.array(pullJob) })) },
    }),
    post: admin(
      {
        operationId: "adminStartPull",
        summary: "Download a model",
        description:
          "Starts a pull (201), or joins the one of the same model already running on that runner (200).",
        requestBody: { required: true, content: json(startPullInput) },
        responses: { "201": ok("The new job.", pullJob), "200": ok("The job already running.", pullJob) },
      },
      400,
      404,
      409,
      413,
    ),
  },
  "/api/admin/pulls/{jobId}/cancel": {
    post: admin(
      {
        operationId: "adminCancelPull",
        summary: "Cancel a download",
        requestParams: { path: jobParams },
        responses: { "200": ok("The job.", pullJob) },
      },
      404,
      409,
    ),
  },
  "/api/admin/pulls/{jobId}/retry": {
    post: admin(
      {
        operationId: "adminRetryPull",
        summary: "Retry a download",
        requestParams: { path: jobParams },
        responses: { "201": ok("The new job.", pullJob), "200": ok("The job already running.", pullJob) },
      },
      404,
      409,
    ),
  },
  "/api/admin/pulls/{jobId}/events": {
    get: admin(
      {
        operationId: "adminFollowPull",
        summary: "Follow a download",
        description: "Server-Sent Events: the job's state now, each change, then `done`.",
        requestParams: { path: jobParams },
        responses: {
          "200": {
            description: "The job's events.",
            content: { "text/event-stream": { schema: z.string() } },
          },
        },
      },
      404,
    ),
  },
  "/api/admin/settings": {
    get: admin({
      operationId: "adminGetSettings",
      summary: "Server settings",
      responses: { "200": ok("The settings.", settings) },
    }),
    patch: admin(
      {
        operationId: "adminUpdateSettings",
        summary: "Change server settings",
        description: "Any subset; one fixed by the environment is refused (409) and nothing changes.",
        requestBody: { required: true, content: json(settingsPatch) },
        responses: { "200": ok("The settings now.", settings) },
      },
      400,
      409,
      413,
    ),
  },
  "/api/admin/system": {
    get: admin({
      operationId: "adminSystem",
      summary: "System status",
      responses: {
        "200": ok("Database, runners, app and disk.", obj("SystemInfo", "The server's health in detail.")),
      },
    }),
  },
  "/api/admin/usage": {
    get: admin(
      {
        operationId: "adminUsage",
        summary: "Usage report",
        requestParams: { query: usageQuery },
        responses: {
          "200": ok("Tokens and requests by day, model, user and key.", obj("UsageReport", "Usage totals.")),
        },
      },
      400,
    ),
  },
  "/api/admin/usage/export.csv": {
    get: admin(
      {
        operationId: "adminUsageCsv",
        summary: "Usage as CSV",
        requestParams: { query: usageQuery },
        responses: {
          "200": { description: "A CSV download.", content: { "text/csv": { schema: z.string() } } },
        },
      },
      400,
    ),
  },
  "/api/admin/audit": {
    get: admin(
      {
        operationId: "adminAudit",
        summary: "Audit log",
        description: "Who changed what, newest first; page with the cursor.",
        requestParams: { query: auditQuery },
        responses: {
          "200": ok(
            "A page of entries.",
            obj("AuditPage", "Entries and cursors.", { entries: z.array(z.object({}).loose()) }),
          ),
        },
      },
      400,
    ),
  },
};
