"use client";
import { Monitor, Moon, Sun } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTheme } from "next-themes";
import { Wordmark } from "@/components/brand/wordmark";
import { useMounted } from "@/components/hooks/use-mounted";
import { cn } from "@/lib/utils/cn";

const LINKS = [
  { href: "/docs", label: "Guide" },
  { href: "/docs/api", label: "API reference" },
];

const NEXT_THEME = { system: "light", light: "dark", dark: "system" } as const;
const THEME_ICON = { system: Monitor, light: Sun, dark: Moon } as const;

/** The docs pages' bar: the two pages, a way back to the app, and the theme. */
export function DocsHeader() {
  const pathname = usePathname();
  const { theme, setTheme } = useTheme();
  const mounted = useMounted();
  const current = (mounted ? theme : "system") as keyof typeof NEXT_THEME;
  const Icon = THEME_ICON[current] ?? Monitor;

  return (
    <header className="sticky top-0 z-10 border-b bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
        <Link href="/" aria-label="Hearth, back to the app" className="rounded-md">
          <Wordmark />
        </Link>
        <nav aria-label="Documentation" className="flex items-center gap-1 text-sm">
          {LINKS.map(({ href, label }) => (
            <Link
              key={href}
              href={href}
              aria-current={pathname === href ? "page" : undefined}
              className={cn(
                "rounded-md px-2.5 py-1.5 text-muted-foreground hover:bg-accent hover:text-foreground",
                pathname === href && "bg-accent font-medium text-foreground",
              )}
            >
              {label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <Link
            href="/settings/api-keys"
            className="hidden rounded-md px-2.5 py-1.5 text-sm text-muted-foreground hover:bg-accent hover:text-foreground sm:inline"
          >
            Your API keys
          </Link>
          <button
            type="button"
            onClick={() => setTheme(NEXT_THEME[current] ?? "light")}
            aria-label={`Theme: ${current}. Switch to ${NEXT_THEME[current] ?? "light"}`}
            className="flex size-9 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60 focus-visible:outline-none"
          >
            <Icon aria-hidden className="size-4" />
          </button>
        </div>
      </div>
    </header>
  );
}
