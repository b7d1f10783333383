import { SSE_HEADERS } from "@/lib/http/sse";
import { withAdmin } from "@/lib/http/with-user";
import { followPull } from "@/lib/pulls/follow-pull";

/** Follows a pull over SSE: its state now, each change, then `done`. Reconnecting picks up the current state. */
export const GET = withAdmin<{ jobId: string }>(async (req, { params }) => {
  const body = await followPull({ id: params.jobId, signal: req.signal });
  return new Response(body, { headers: SSE_HEADERS });
});
