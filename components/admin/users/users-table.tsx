"use client";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminUserRow, SortDirection, UserSort } from "@/lib/shared/admin-users";
import { cn } from "@/lib/utils/cn";
import { RoleBadge, StatusBadge } from "./user-badges";
import { UserRowMenu, type UserAction } from "./user-row-menu";

const number = new Intl.NumberFormat("en-US");

/** The accounts of one page, with sortable column headers and a menu per row. */
export function UsersTable({
  users,
  sort,
  dir,
  onSort,
  selfId,
  busy,
  onAction,
}: {
  users: AdminUserRow[];
  sort: UserSort;
  dir: SortDirection;
  onSort: (sort: UserSort) => void;
  selfId: string;
  busy: boolean;
  onAction: (action: UserAction, user: AdminUserRow) => void;
}) {
  const header = (column: UserSort, label: string, className?: string) => (
    <SortableHead column={column} label={label} sort={sort} dir={dir} onSort={onSort} className={className} />
  );
  return (
    // Narrow screens scroll the table sideways rather than squeezing its columns.
    <div className="relative overflow-x-auto rounded-xl border" aria-busy={busy || undefined}>
      <Table className={cn("min-w-[640px] transition-opacity md:min-w-[880px]", busy && "opacity-60")}>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {header("name", "Name")}
            {header("email", "Email", "hidden md:table-cell")}
            {header("role", "Role")}
            <TableHead>Status</TableHead>
            {header("created", "Created")}
            {header("lastActive", "Last active")}
            <TableHead className="text-right">Chats</TableHead>
            {/* Two lines rather than a wider table: the row must fit beside the sidebar at 1280 px. */}
            <TableHead className="text-right leading-tight whitespace-normal">Tokens this month</TableHead>
            {/* Kept in view while a narrow screen scrolls the table sideways. */}
            <TableHead className="sticky right-0 w-12 bg-background">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id} data-user-email={user.email}>
              <TableCell className="max-w-48 truncate font-medium" title={user.name}>
                {user.name}
                {user.id === selfId ? (
                  <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span>
                ) : null}
                {/* Narrow screens have no Email column: the address goes under the name. */}
                <span className="block truncate text-xs font-normal text-muted-foreground md:hidden">
                  {user.email}
                </span>
              </TableCell>
              <TableCell
                className="hidden max-w-56 truncate text-muted-foreground md:table-cell"
                title={user.email}
              >
                {user.email}
              </TableCell>
              <TableCell>
                <RoleBadge role={user.role} />
              </TableCell>
              <TableCell>
                <StatusBadge status={user.status} />
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                <LocalTime iso={user.createdAt} />
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                {user.lastActiveAt ? <LocalTime iso={user.lastActiveAt} relative /> : "Never"}
              </TableCell>
              <TableCell className="text-right tabular-nums">{number.format(user.chats)}</TableCell>
              <TableCell className="text-right tabular-nums">{number.format(user.tokensThisMonth)}</TableCell>
              <TableCell className="sticky right-0 bg-background py-1.5">
                <UserRowMenu
                  user={user}
                  isSelf={user.id === selfId}
                  onAction={(action) => onAction(action, user)}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function SortableHead({
  column,
  label,
  sort,
  dir,
  onSort,
  className,
}: {
  column: UserSort;
  label: string;
  sort: UserSort;
  dir: SortDirection;
  onSort: (sort: UserSort) => void;
  className?: string;
}) {
  const active = sort === column;
  const Icon = !active ? ArrowUpDown : dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <TableHead
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
      className={className}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className={cn(
          "-mx-1.5 inline-flex items-center gap-1 rounded-md px-1.5 py-1 outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60",
          active && "text-foreground",
        )}
      >
        {label}
        <Icon aria-hidden className={cn("size-3.5", !active && "opacity-50")} />
      </button>
    </TableHead>
  );
}
