import { Badge } from "@/components/ui/badge";
import type { UserRole, UserStatus } from "@/lib/shared/admin-users";
import { cn } from "@/lib/utils/cn";

const STATUS = {
  active: { label: "Active", className: "border-emerald-600/30 text-emerald-700 dark:text-emerald-400" },
  pending: {
    label: "Pending",
    className: "border-amber-600/40 bg-amber-500/10 text-amber-800 dark:text-amber-300",
  },
  disabled: { label: "Disabled", className: "text-muted-foreground" },
} as const;

export function StatusBadge({ status }: { status: UserStatus }) {
  const { label, className } = STATUS[status];
  return (
    <Badge variant="outline" className={cn("text-xs", className)}>
      {label}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: UserRole }) {
  return role === "ADMIN" ? (
    <Badge variant="brand" className="text-xs">
      Admin
    </Badge>
  ) : (
    <span className="text-muted-foreground">User</span>
  );
}
