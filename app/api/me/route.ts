import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

export const GET = route(async (req) => {
  const user = await requireUser(req);
  return Response.json({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  });
});
