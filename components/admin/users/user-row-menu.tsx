"use client";
import {
  Ban,
  CircleCheck,
  Gauge,
  KeyRound,
  MoreHorizontal,
  ShieldCheck,
  ShieldMinus,
  Trash2,
  UserCheck,
} from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { AdminUserRow } from "@/lib/shared/admin-users";

export type UserAction =
  "approve" | "promote" | "demote" | "disable" | "enable" | "limits" | "reset-link" | "delete";

/** What an admin can do to one account. Yourself: no disabling, no deleting. */
export function UserRowMenu({
  user,
  isSelf,
  onAction,
}: {
  user: AdminUserRow;
  isSelf: boolean;
  onAction: (action: UserAction) => void;
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={`Actions for ${user.name || user.email}`}
        >
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-52">
        {user.status === "pending" ? (
          <DropdownMenuItem onSelect={() => onAction("approve")}>
            <UserCheck aria-hidden />
            Approve
          </DropdownMenuItem>
        ) : null}
        {user.role === "ADMIN" ? (
          <DropdownMenuItem onSelect={() => onAction("demote")}>
            <ShieldMinus aria-hidden />
            Remove admin role
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem onSelect={() => onAction("promote")}>
            <ShieldCheck aria-hidden />
            Make admin
          </DropdownMenuItem>
        )}
        {user.status === "disabled" ? (
          <DropdownMenuItem onSelect={() => onAction("enable")}>
            <CircleCheck aria-hidden />
            Enable
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem disabled={isSelf} onSelect={() => onAction("disable")}>
            <Ban aria-hidden />
            Disable
          </DropdownMenuItem>
        )}
        <DropdownMenuItem onSelect={() => onAction("limits")}>
          <Gauge aria-hidden />
          Set limits…
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onAction("reset-link")}>
          <KeyRound aria-hidden />
          Password reset link…
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" disabled={isSelf} onSelect={() => onAction("delete")}>
          <Trash2 aria-hidden />
          {isSelf ? "Delete (not yourself)" : "Delete…"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
