import { toast } from "sonner";
import { NETWORK_ERROR, readApiFailure } from "./api-error";

/**
 * DELETEs `url` and toasts `done`; a 404 counts as done (deleted already, in
 * another tab say). Null when done, else the sentence to show.
 */
export async function deleteOnServer(url: string, done: string): Promise<string | null> {
  try {
    const res = await fetch(url, { method: "DELETE" });
    if (res.ok || res.status === 404) {
      toast.success(done);
      return null;
    }
    return (await readApiFailure(res)).message;
  } catch {
    return NETWORK_ERROR;
  }
}
