"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

const SECTIONS = [
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/prompts", label: "Prompts" },
  { href: "/settings/data", label: "Data" },
] as const;

/** The settings sections as tabs-like links; the current one is marked for screen readers too. */
export function SettingsNav({ className }: { className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className={cn("border-b", className)}>
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {SECTIONS.map(({ href, label }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-flex h-10 items-center border-b-2 px-1 text-sm font-medium whitespace-nowrap transition-colors outline-none focus-visible:rounded-sm focus-visible:ring-[3px] focus-visible:ring-ring/60",
                  current
                    ? "border-foreground text-foreground"
                    : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
