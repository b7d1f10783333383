import { fileResponse } from "@/lib/files/read-file";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser<{ fileId: string }>(async (_req, { user, params }) => {
  return fileResponse({ userId: user.id, fileId: params.fileId });
});
