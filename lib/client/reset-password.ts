import { api } from "./api";

/** Sets a new password with a one-time reset link's token (POST /api/password-reset). */
export function resetPassword(token: string, password: string): Promise<void> {
  return api<void>("/api/password-reset", {
    method: "POST",
    body: { token, password },
    labels: { password: "Password" },
  });
}
