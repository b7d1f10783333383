"use client";
import { usePathname } from "next/navigation";
import { Dialog } from "radix-ui";
import { useEffect, useRef, useState } from "react";
import { TooltipProvider } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils/cn";
import { CurrentUserProvider, type ShellUser } from "./current-user";
import { MainHeader } from "./main-header";
import { Sidebar } from "./sidebar";

const DESKTOP = "(min-width: 768px)";

/**
 * ChatGPT's frame: a sidebar beside the conversation. From 768px the sidebar
 * is a column that can collapse; below that it is a sheet over the page.
 */
export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const pathname = usePathname();
  const [collapsed, setCollapsed] = useState(false);
  // The sheet remembers the page it was opened on, so any navigation closes it.
  const [sheetOpenedOn, setSheetOpenedOn] = useState<string | null>(null);
  const sheetOpen = sheetOpenedOn !== null && sheetOpenedOn === pathname;
  const closeSheet = () => setSheetOpenedOn(null);
  const sheetRef = useRef<HTMLDivElement>(null);

  // Growing past the breakpoint with the sheet open would leave an overlay behind.
  useEffect(() => {
    const query = window.matchMedia(DESKTOP);
    const onChange = () => {
      if (query.matches) setSheetOpenedOn(null);
    };
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);

  function openSidebar() {
    if (window.matchMedia(DESKTOP).matches) setCollapsed(false);
    else setSheetOpenedOn(pathname);
  }

  return (
    <CurrentUserProvider value={user}>
      <TooltipProvider>
        <div className="flex h-dvh overflow-hidden bg-background">
          <aside
            aria-label="Sidebar"
            inert={collapsed}
            className={cn(
              "hidden shrink-0 overflow-hidden border-r border-sidebar-border transition-[width] duration-200 ease-out md:block",
              collapsed ? "w-0 border-r-0" : "w-[260px]",
            )}
          >
            <div className="h-full w-[260px]">
              <Sidebar onClose={() => setCollapsed(true)} />
            </div>
          </aside>

          <Dialog.Root open={sheetOpen} onOpenChange={(open) => !open && closeSheet()}>
            <Dialog.Portal>
              <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50 transition-opacity duration-200 starting:opacity-0 md:hidden" />
              <Dialog.Content
                ref={sheetRef}
                aria-describedby={undefined}
                // Focus the sheet itself: focusing its first button would pop up that button's tooltip.
                onOpenAutoFocus={(event) => {
                  event.preventDefault();
                  sheetRef.current?.focus();
                }}
                className="fixed inset-y-0 left-0 z-50 flex w-[280px] max-w-[85vw] shadow-xl outline-none transition-transform duration-200 ease-out starting:-translate-x-full md:hidden"
              >
                <Dialog.Title className="sr-only">Sidebar</Dialog.Title>
                <Sidebar onClose={closeSheet} onNavigate={closeSheet} />
              </Dialog.Content>
            </Dialog.Portal>
          </Dialog.Root>

          <div className="flex min-w-0 flex-1 flex-col">
            <MainHeader sidebarCollapsed={collapsed} onOpenSidebar={openSidebar} />
            <main className="flex min-h-0 flex-1 flex-col overflow-y-auto">{children}</main>
          </div>
        </div>
      </TooltipProvider>
    </CurrentUserProvider>
  );
}
