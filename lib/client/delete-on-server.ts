import { toast } from "sonner";
import { api, ApiError, errorMessage } from "./api";

/**
 * DELETEs `url` and toasts `done`; a 404 counts as done (deleted already, in
 * another tab say). Null when done, else the sentence to show.
 */
export async function deleteOnServer(url: string, done: string): Promise<string | null> {
  try {
    await api(url, { method: "DELETE" });
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) return errorMessage(err);
  }
  toast.success(done);
  return null;
}
