import "server-only";
import type { ApiCaller } from "../with-api-key";
import { RESPONSE_ID } from "./create-response";
import { deleteResponse, findResponse, responseNotFound } from "./response-store";

/** GET /v1/responses/{id}: the stored response, to its owner only. */
export async function getStoredResponse(_req: Request, caller: ApiCaller, id: string): Promise<Response> {
  await caller.admit({ endpoint: "chat" });
  if (!RESPONSE_ID.test(id)) throw responseNotFound(id);
  return Response.json(await findResponse(id, caller.userId));
}

/** DELETE /v1/responses/{id}. */
export async function deleteStoredResponse(_req: Request, caller: ApiCaller, id: string): Promise<Response> {
  await caller.admit({ endpoint: "chat" });
  if (!RESPONSE_ID.test(id)) throw responseNotFound(id);
  await deleteResponse(id, caller.userId);
  return Response.json({ id, object: "response", deleted: true });
}
