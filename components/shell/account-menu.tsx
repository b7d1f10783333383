"use client";
import { ChevronsUpDown, LogOut, Monitor, Moon, Settings, ShieldCheck, Sun } from "lucide-react";
import Link from "next/link";
import { useTheme } from "next-themes";
import { Avatar, AvatarFallback, AvatarImage, initialsOf } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { signOut } from "@/components/auth/sign-out";
import { useCurrentUser } from "./current-user";
import { useMounted } from "@/components/hooks/use-mounted";

const THEMES = [
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
  { value: "system", label: "System", Icon: Monitor },
] as const;

/**
 * The account button at the foot of the sidebar: who you are, theme, settings,
 * sign out. `onNavigate` lets the mobile sheet close when Settings is chosen.
 */
export function AccountMenu({ onNavigate }: { onNavigate?: () => void }) {
  const user = useCurrentUser();
  const { theme, setTheme } = useTheme();
  const mounted = useMounted();
  const initials = initialsOf(user.name, user.email);
  const isAdmin = user.role === "ADMIN";

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        // The visible name first (WCAG 2.5.3, label in name), then what the button opens.
        aria-label={`${user.name || user.email}, account menu`}
        className="flex w-full items-center gap-2.5 rounded-lg p-2 text-left text-sm outline-none hover:bg-sidebar-accent focus-visible:ring-[3px] focus-visible:ring-ring/60 data-[state=open]:bg-sidebar-accent"
      >
        <UserAvatar image={user.image} initials={initials} decorative />
        <span className="min-w-0 flex-1 truncate font-medium">{user.name || user.email}</span>
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-muted-foreground" />
      </DropdownMenuTrigger>
      <DropdownMenuContent
        side="top"
        align="start"
        className="w-(--radix-dropdown-menu-trigger-width) min-w-60"
      >
        <div className="flex items-center gap-2.5 px-2 py-2">
          <UserAvatar image={user.image} initials={initials} />
          <div className="grid min-w-0 flex-1 gap-0.5">
            <div className="flex min-w-0 items-center gap-1.5">
              <span className="truncate text-sm font-medium">{user.name || user.email}</span>
              {isAdmin ? <Badge variant="brand">Admin</Badge> : null}
            </div>
            <span className="truncate text-xs text-muted-foreground">{user.email}</span>
          </div>
        </div>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        {/* next-themes only knows the stored theme in the browser. */}
        <DropdownMenuRadioGroup value={mounted ? theme : undefined} onValueChange={setTheme}>
          {THEMES.map(({ value, label, Icon }) => (
            <DropdownMenuRadioItem key={value} value={value}>
              <Icon aria-hidden />
              {label}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/api-keys" onClick={onNavigate}>
            <Settings aria-hidden />
            Settings
          </Link>
        </DropdownMenuItem>
        {/* Only a convenience: /admin checks the role on the server for every page and route. */}
        {isAdmin ? (
          <DropdownMenuItem asChild>
            <Link href="/admin/users" onClick={onNavigate}>
              <ShieldCheck aria-hidden />
              Admin
            </Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuItem onSelect={() => void signOut()}>
          <LogOut aria-hidden />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/**
 * `decorative`: the name is written beside it. The initials are then drawn by
 * CSS, like a picture, so the button's visible text is the name alone and
 * matches the start of its accessible name (WCAG 2.5.3, label in name).
 */
function UserAvatar({
  image,
  initials,
  decorative = false,
}: {
  image: string | null;
  initials: string;
  decorative?: boolean;
}) {
  return (
    <Avatar aria-hidden={decorative || undefined}>
      {image ? <AvatarImage src={image} alt="" /> : null}
      {decorative ? (
        <AvatarFallback data-initials={initials} className="before:content-[attr(data-initials)]" />
      ) : (
        <AvatarFallback>{initials}</AvatarFallback>
      )}
    </Avatar>
  );
}
