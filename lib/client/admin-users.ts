import type {
  AdminUserPage,
  ResetLink,
  SortDirection,
  UserFilter,
  UserRole,
  UserSort,
} from "@/lib/shared/admin-users";
import { api } from "./api";

/** The admin page's calls to /api/admin/users. */

export interface UserListQuery {
  q: string;
  sort: UserSort;
  dir: SortDirection;
  filter: UserFilter;
  page: number;
  pageSize: number;
}

export function fetchUsers(query: UserListQuery, signal?: AbortSignal): Promise<AdminUserPage> {
  const params = new URLSearchParams({
    sort: query.sort,
    dir: query.dir,
    filter: query.filter,
    page: String(query.page),
    pageSize: String(query.pageSize),
  });
  if (query.q.trim()) params.set("q", query.q.trim());
  return api<AdminUserPage>(`/api/admin/users?${params}`, { signal });
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  password: string;
}

export const NEW_USER_LABELS = { email: "Email", name: "Name", role: "Role", password: "Temporary password" };

export function createUser(user: NewUser): Promise<{ id: string; email: string }> {
  return api("/api/admin/users", { method: "POST", body: user, labels: NEW_USER_LABELS });
}

export interface UserPatch {
  role?: UserRole;
  disabled?: boolean;
  pending?: false;
  requestsPerMinute?: number | null;
  tokensPerDay?: number | null;
}

export const LIMIT_LABELS = { requestsPerMinute: "Requests per minute", tokensPerDay: "Tokens per day" };

export function updateUser(id: string, patch: UserPatch): Promise<void> {
  return api(`/api/admin/users/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: patch,
    labels: LIMIT_LABELS,
  });
}

export function deleteUser(id: string): Promise<void> {
  return api(`/api/admin/users/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function createResetLink(id: string): Promise<ResetLink> {
  return api(`/api/admin/users/${encodeURIComponent(id)}/reset-link`, { method: "POST" });
}
