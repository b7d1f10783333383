import { embeddings } from "@/lib/gateway/embeddings";
import { withApiKey } from "@/lib/gateway/with-api-key";

export const POST = withApiKey((req, caller) => embeddings(req, caller));
