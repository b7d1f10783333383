import { chatCompletions } from "@/lib/gateway/chat-completions";
import { withApiKey } from "@/lib/gateway/with-api-key";

export const POST = withApiKey((req, caller) => chatCompletions(req, caller));
