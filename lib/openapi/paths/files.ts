/** Uploads: images and documents attached to chat messages. */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { apiErrors, idParam, ok, session } from "../common";

const tags = ["Files"];

export const fileView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(["image", "document"]),
    mime: z.string().meta({ example: "application/pdf" }),
    size: z.number().int().meta({ description: "Bytes." }),
  })
  .meta({ id: "File" });

export const filesPaths: ZodOpenApiPathsObject = {
  "/api/files": {
    post: {
      tags,
      operationId: "uploadFile",
      summary: "Upload a file",
      description:
        "One file in the multipart field `file`: an image (PNG, JPEG, WebP, GIF; 10 MB) or a document (PDF, text, Markdown, code; 20 MB). Attach it by id when sending a message.",
      security: session,
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: z.object({ file: z.string().meta({ format: "binary", description: "The file." }) }),
          },
        },
      },
      responses: { "201": ok("The stored file.", fileView), ...apiErrors(400, 403, 413, 415, 429) },
    },
  },
  "/api/files/{fileId}": {
    get: {
      tags,
      operationId: "getFile",
      summary: "Download a file",
      description: "The file's bytes with its content type; only its owner may read it.",
      security: session,
      requestParams: { path: z.object({ fileId: idParam("The file's id.") }) },
      responses: {
        "200": {
          description: "The file.",
          content: { "application/octet-stream": { schema: z.string().meta({ format: "binary" }) } },
        },
        ...apiErrors(404),
      },
    },
  },
};
