/** What Better Auth's client returns as `error` (all fields optional in practice). */
export interface AuthFailure {
  status?: number;
  code?: string;
  message?: string;
}

/**
 * The sentence to show for a failed sign-in or sign-up. Known cases get our
 * wording; otherwise the server's message (throttling says when to retry).
 */
export function authErrorMessage(error: AuthFailure, action: "sign-in" | "sign-up"): string {
  if (error.status === 429) return error.message || "Too many attempts. Try again in a few minutes.";
  if (error.code === "ACCOUNT_DISABLED") return "This account has been disabled. Ask your administrator.";
  if (action === "sign-in" && error.status === 401) return "Invalid email or password";
  if (action === "sign-up" && error.code?.startsWith("USER_ALREADY_EXISTS")) {
    return "An account with this email already exists. Sign in instead.";
  }
  if (error.message) return error.message;
  return action === "sign-in"
    ? "Could not sign you in. Please try again."
    : "Could not create your account. Please try again.";
}

export const NETWORK_ERROR = "Could not reach Hearth. Check your connection and try again.";
