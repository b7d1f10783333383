/** Settings → Prompts: saved prompts with {{variables}}, offered under "/" in the composer. */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { promptInput } from "@/lib/prompts/prompts";
import { apiErrors, idParam, isoDate, json, noContent, ok, session } from "../common";

const tags = ["Prompts"];

const prompt = z
  .object({
    id: z.uuid(),
    name: z.string(),
    body: z.string(),
    variables: z.array(z.string()).meta({ description: "The `{{name}}` placeholders in the body." }),
    updatedAt: isoDate,
  })
  .loose()
  .meta({ id: "Prompt" });

const example = { name: "summarize", body: "Summarize this in {{count}} bullet points:" };
const promptParams = z.object({ promptId: idParam("The prompt's id.") });

export const promptsPaths: ZodOpenApiPathsObject = {
  "/api/prompts": {
    get: {
      tags,
      operationId: "listPrompts",
      summary: "List your prompts",
      security: session,
      responses: {
        "200": ok("Your prompts.", z.object({ data: z.array(prompt) }), { data: [] }),
        ...apiErrors(),
      },
    },
    post: {
      tags,
      operationId: "createPrompt",
      summary: "Save a prompt",
      security: session,
      requestBody: { required: true, content: json(promptInput, example) },
      responses: {
        "201": ok("The saved prompt.", prompt, {
          id: "5d0e4c8a-1b2f-4e6a-8c3d-7f9a0b1c2d3e",
          ...example,
          variables: ["count"],
          updatedAt: "2026-11-30T18:00:00.000Z",
        }),
        ...apiErrors(400, 403, 409, 413),
      },
    },
  },
  "/api/prompts/{promptId}": {
    put: {
      tags,
      operationId: "updatePrompt",
      summary: "Change a prompt",
      security: session,
      requestParams: { path: promptParams },
      requestBody: { required: true, content: json(promptInput, example) },
      responses: { "200": ok("The changed prompt.", prompt), ...apiErrors(400, 403, 404, 409, 413) },
    },
    delete: {
      tags,
      operationId: "deletePrompt",
      summary: "Delete a prompt",
      security: session,
      requestParams: { path: promptParams },
      responses: { "204": noContent, ...apiErrors(403, 404) },
    },
  },
};
