/**
 * The official `openai` SDK pointed at Hearth's real /v1 route handlers,
 * in-process: the SDK's `fetch` option hands each request to the handler the
 * URL names, exactly as Next.js would.
 */
import OpenAI from "openai";
import { appFetch } from "./app-client";

export const GATEWAY_BASE = "http://hearth.test/v1";

/** A `fetch` that hands each request to the /v1 route handler its URL names. */
export async function gatewayFetch(): Promise<
  (url: string | URL | Request, init?: RequestInit) => Promise<Response>
> {
  return (url, init) => appFetch(url instanceof Request ? url : new Request(url, init));
}

export async function gatewayClient(
  apiKey: string,
  options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {},
) {
  return new OpenAI({
    apiKey,
    baseURL: GATEWAY_BASE,
    fetch: await gatewayFetch(),
    maxRetries: 0,
    ...options,
  });
}
