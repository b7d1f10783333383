"use client";
import { ChevronLeft, ChevronRight, Plus, Search, Users } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-parts";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage, toastError } from "@/lib/client/api";
import { deleteUser, updateUser, type UserPatch } from "@/lib/client/admin-users";
import {
  USER_PAGE_SIZES,
  type AdminUserPage,
  type AdminUserRow,
  type UserFilter,
} from "@/lib/shared/admin-users";
import { LimitsDialog } from "./limits-dialog";
import { NewUserDialog } from "./new-user-dialog";
import { ResetLinkDialog } from "./reset-link-dialog";
import type { UserAction } from "./user-row-menu";
import { UsersTable } from "./users-table";
import { useUserList } from "./use-user-list";

const FILTERS: { value: UserFilter; label: string }[] = [
  { value: "all", label: "All users" },
  { value: "active", label: "Active" },
  { value: "pending", label: "Waiting for approval" },
  { value: "disabled", label: "Disabled" },
  { value: "admins", label: "Admins" },
];

/** The quick actions of the row menu: the change, and what the toast says once it is done. */
const QUICK: Partial<Record<UserAction, { patch: UserPatch; done: (email: string) => string }>> = {
  approve: { patch: { pending: false }, done: (e) => `${e} can now use Hearth` },
  promote: { patch: { role: "ADMIN" }, done: (e) => `${e} is now an admin` },
  demote: { patch: { role: "USER" }, done: (e) => `${e} is no longer an admin` },
  disable: { patch: { disabled: true }, done: (e) => `${e} is disabled and signed out` },
  enable: { patch: { disabled: false }, done: (e) => `${e} is enabled again` },
};

/** /admin/users: find accounts, and act on them. */
export function UsersManager({ initial, selfId }: { initial: AdminUserPage; selfId: string }) {
  const list = useUserList(initial);
  const [creating, setCreating] = useState(false);
  const [limitsFor, setLimitsFor] = useState<AdminUserRow | null>(null);
  const [linkFor, setLinkFor] = useState<AdminUserRow | null>(null);
  const [deleting, setDeleting] = useState<AdminUserRow | null>(null);
  const searchId = useId();
  const filterId = useId();
  const { data, query } = list;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const firstShown = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const lastShown = Math.min(data.total, data.page * data.pageSize);

  async function onAction(action: UserAction, user: AdminUserRow) {
    if (action === "limits") return setLimitsFor(user);
    if (action === "reset-link") return setLinkFor(user);
    if (action === "delete") return setDeleting(user);
    const quick = QUICK[action];
    if (!quick) return;
    try {
      await updateUser(user.id, quick.patch);
      toast.success(quick.done(user.email));
      list.reload();
    } catch (err) {
      toastError(err);
    }
  }

  return (
    <section aria-labelledby="users-heading" className="grid gap-5">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <div className="grid gap-1">
          <h2 id="users-heading" className="text-lg font-semibold">
            Users
          </h2>
          <p className="text-sm text-muted-foreground">
            Everyone with an account on this server.
            {data.pendingCount > 0 ? (
              <>
                {" "}
                <button
                  type="button"
                  className="rounded-sm font-medium text-amber-800 underline underline-offset-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60 dark:text-amber-300"
                  onClick={() => list.setFilter("pending")}
                >
                  {data.pendingCount === 1 ? "1 account is" : `${data.pendingCount} accounts are`} waiting for
                  approval
                </button>
              </>
            ) : null}
          </p>
        </div>
        <Button onClick={() => setCreating(true)}>
          <Plus aria-hidden />
          New user
        </Button>
      </div>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="relative flex-1">
          <label htmlFor={searchId} className="sr-only">
            Search users by name or email
          </label>
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            id={searchId}
            type="search"
            placeholder="Search by name or email"
            value={list.search}
            onChange={(event) => list.setSearch(event.target.value)}
            className="pl-9"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
          />
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={filterId} className="sr-only">
            Show
          </label>
          <Select value={query.filter} onValueChange={(value) => list.setFilter(value as UserFilter)}>
            <SelectTrigger id={filterId} className="w-full sm:w-56">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {FILTERS.map(({ value, label }) => (
                <SelectItem key={value} value={value}>
                  {label}
                  {value === "pending" && data.pendingCount > 0 ? ` (${data.pendingCount})` : ""}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {list.loading ? (
            <span role="status" className="flex items-center">
              <Spinner />
              <span className="sr-only">Loading users</span>
            </span>
          ) : null}
        </div>
      </div>

      <FormAlert message={list.error} />

      {data.users.length > 0 ? (
        <UsersTable
          users={data.users}
          sort={query.sort}
          dir={query.dir}
          onSort={list.sortBy}
          selfId={selfId}
          busy={list.loading}
          onAction={(action, user) => void onAction(action, user)}
        />
      ) : (
        <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-12 text-center">
          <div className="flex size-11 items-center justify-center rounded-full bg-muted">
            {list.loading ? <Spinner /> : <Users aria-hidden className="size-5 text-muted-foreground" />}
          </div>
          <h3 className="mt-4 text-sm font-semibold">{list.loading ? "Loading users…" : "No users found"}</h3>
          {!list.loading ? (
            <p className="mt-1 max-w-sm text-sm text-muted-foreground">
              {query.q || query.filter !== "all"
                ? "Nobody matches this search. Try another name or email, or show all users."
                : "Create an account for someone with New user."}
            </p>
          ) : null}
        </div>
      )}

      <nav aria-label="Pages of users" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-muted-foreground" aria-live="polite">
          {data.total === 0
            ? "No users"
            : `${firstShown.toLocaleString()}–${lastShown.toLocaleString()} of ${data.total.toLocaleString()}`}
        </p>
        <div className="flex items-center gap-2">
          <Select value={String(query.pageSize)} onValueChange={(value) => list.setPageSize(Number(value))}>
            <SelectTrigger className="h-8 w-32" aria-label="Users per page">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {USER_PAGE_SIZES.map((size) => (
                <SelectItem key={size} value={String(size)}>
                  {size} / page
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Button
            variant="outline"
            size="sm"
            disabled={data.page <= 1}
            onClick={() => list.setPage(data.page - 1)}
            aria-label="Previous page"
          >
            <ChevronLeft aria-hidden />
          </Button>
          <span className="tabular-nums">
            Page {data.page} of {pages}
          </span>
          <Button
            variant="outline"
            size="sm"
            disabled={data.page >= pages}
            onClick={() => list.setPage(data.page + 1)}
            aria-label="Next page"
          >
            <ChevronRight aria-hidden />
          </Button>
        </div>
      </nav>

      <NewUserDialog open={creating} onOpenChange={setCreating} onCreated={list.reload} />
      <LimitsDialog user={limitsFor} onClose={() => setLimitsFor(null)} onSaved={list.reload} />
      <ResetLinkDialog user={linkFor} onClose={() => setLinkFor(null)} />
      <ConfirmDialog
        item={deleting}
        title="Delete this user?"
        description={(user) => (
          <>
            <span className="font-medium text-foreground">{user.email}</span> and everything of theirs will be
            deleted for good: {user.chats.toLocaleString()} {user.chats === 1 ? "chat" : "chats"} with their
            messages and files, shared links, prompts, API keys and usage records. This cannot be undone.
          </>
        )}
        confirmLabel="Delete user"
        onConfirm={async (user) => {
          try {
            await deleteUser(user.id);
          } catch (err) {
            return errorMessage(err);
          }
          toast.success(`${user.email} was deleted`);
          list.reload();
        }}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}
