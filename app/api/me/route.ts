import { withUser } from "@/lib/http/with-user";

export const GET = withUser(async (_req, { user }) => {
  return Response.json({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  });
});
