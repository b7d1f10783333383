/**
 * The official `openai` SDK pointed at Hearth's real /v1 route handlers,
 * in-process: the SDK's `fetch` option hands each request to the handler the
 * URL names, exactly as Next.js would.
 */
import OpenAI from "openai";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export const GATEWAY_BASE = "http://hearth.test/v1";

export async function gatewayFetch(): Promise<
  (url: string | URL | Request, init?: RequestInit) => Promise<Response>
> {
  const chat = (await import("@/app/v1/chat/completions/route")) as unknown as { POST: Handler };
  const models = (await import("@/app/v1/models/route")) as unknown as { GET: Handler };
  const model = (await import("@/app/v1/models/[id]/route")) as unknown as { GET: Handler };
  const embeddings = (await import("@/app/v1/embeddings/route")) as unknown as { POST: Handler };
  return async (url, init) => {
    const req = url instanceof Request ? url : new Request(url, init);
    const path = new URL(req.url).pathname.replace(/^\/(api\/)?v1/, "");
    const none = { params: Promise.resolve({}) };
    if (path === "/chat/completions" && req.method === "POST") return chat.POST(req, none);
    if (path === "/embeddings" && req.method === "POST") return embeddings.POST(req, none);
    if (path === "/models" && req.method === "GET") return models.GET(req, none);
    const m = /^\/models\/(.+)$/.exec(path);
    if (m && req.method === "GET") return model.GET(req, { params: Promise.resolve({ id: m[1]! }) });
    return new Response("not found", { status: 404 });
  };
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
