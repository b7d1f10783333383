/**
 * What /api/admin/users speaks, shared by the server that builds it and the
 * admin page that reads it. Types and constants only: safe on both sides.
 */

export type UserRole = "ADMIN" | "USER";
/** disabled wins over pending: a disabled account is disabled whatever else it is. */
export type UserStatus = "active" | "disabled" | "pending";

export const USER_SORTS = ["name", "email", "role", "created", "lastActive"] as const;
export type UserSort = (typeof USER_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** Which accounts the list shows. */
export const USER_FILTERS = ["all", "active", "pending", "disabled", "admins"] as const;
export type UserFilter = (typeof USER_FILTERS)[number];

export const USER_PAGE_SIZES = [25, 50, 100] as const;
export const MAX_USER_PAGE_SIZE = 100;

/**
 * Per-user limits an admin sets (null: the instance's defaults). Enforced by
 * the rate limiter, not here: requests per minute across the user's keys and
 * chats, and tokens (prompt + completion) per UTC day.
 */
export const USER_LIMITS = {
  requestsPerMinute: { min: 1, max: 100_000 },
  tokensPerDay: { min: 1, max: 1_000_000_000 },
} as const;

export interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  status: UserStatus;
  createdAt: string;
  lastActiveAt: string | null;
  chats: number;
  /** Prompt + completion tokens since the first of this month (UTC). */
  tokensThisMonth: number;
  requestsPerMinute: number | null;
  tokensPerDay: number | null;
}

export interface AdminUserPage {
  users: AdminUserRow[];
  /** Accounts matching the search and filter, across all pages. */
  total: number;
  page: number;
  pageSize: number;
  /** Accounts waiting for approval, whatever the search: the badge beside the filter. */
  pendingCount: number;
}

/** A one-time password-reset link, as shown to the admin once. */
export interface ResetLink {
  /** The page's path (/reset-password/<token>): the admin page prefixes its own origin. */
  path: string;
  /** The same page under APP_URL. */
  url: string;
  expiresAt: string;
}

/** What the reset page learns about a link before showing its form. */
export type ResetLinkState = "valid" | "expired" | "used" | "invalid";
