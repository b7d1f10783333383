import "server-only";
import { jsonReply, type ApiReply, type ApiRequest } from "../api-call";
import type { ApiCaller } from "../with-api-key";
import { RESPONSE_ID } from "./create-response";
import { deleteResponse, findResponse, responseNotFound } from "./response-store";

/** GET /v1/responses/{id}: the stored response, to its owner only. */
export async function getStoredResponse(
  _req: ApiRequest,
  caller: ApiCaller,
  { id = "" }: Record<string, string>,
): Promise<ApiReply> {
  await caller.admit({ endpoint: "chat" });
  if (!RESPONSE_ID.test(id)) throw responseNotFound(id);
  return jsonReply(await findResponse(id, caller.userId));
}

/** DELETE /v1/responses/{id}. */
export async function deleteStoredResponse(
  _req: ApiRequest,
  caller: ApiCaller,
  { id = "" }: Record<string, string>,
): Promise<ApiReply> {
  await caller.admit({ endpoint: "chat" });
  if (!RESPONSE_ID.test(id)) throw responseNotFound(id);
  await deleteResponse(id, caller.userId);
  return jsonReply({ id, object: "response", deleted: true });
}
