/**
 * Every documented path, one file per domain. Documenting a new route is one
 * entry in its domain's file (or a new file listed here); the route-walker
 * test (tests/integration/openapi-coverage.test.ts) fails until it is.
 */
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { accountPaths } from "./account";
import { adminPaths } from "./admin";
import { authPaths } from "./auth";
import { chatsPaths } from "./chats";
import { embedsPaths } from "./embeds";
import { filesPaths } from "./files";
import { keysPaths } from "./keys";
import { promptsPaths } from "./prompts";
import { systemPaths } from "./system";
import { v1Paths } from "./v1";
import { webhooksPaths } from "./webhooks";

export const DOCUMENTED_PATHS: ZodOpenApiPathsObject[] = [
  v1Paths,
  authPaths,
  accountPaths,
  keysPaths,
  chatsPaths,
  promptsPaths,
  filesPaths,
  embedsPaths,
  webhooksPaths,
  adminPaths,
  systemPaths,
];
