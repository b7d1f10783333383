import { requireUser } from "@/lib/auth/session";
import { fileResponse } from "@/lib/files/read-file";
import { route } from "@/lib/http/route";

export const GET = route<{ params: Promise<{ fileId: string }> }>(async (req, { params }) => {
  const user = await requireUser(req);
  return fileResponse({ userId: user.id, fileId: (await params).fileId });
});
