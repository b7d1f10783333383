import { handleAuthRequest } from "@/lib/auth/handle-auth-request";
import { route } from "@/lib/http/route";

const handler = route((req) => handleAuthRequest(req));
export { handler as GET, handler as POST };
