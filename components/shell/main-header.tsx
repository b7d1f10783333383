"use client";
import { PanelLeftOpen, SquarePen } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { ChatActions } from "@/components/chat/chat-actions";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils/cn";
import { ModelPicker } from "./model-picker";

/**
 * The bar above the conversation: the sidebar button (always on mobile; on
 * desktop only while the sidebar is collapsed) and the model picker. It is
 * on every page of the shell, so it also owns the new-chat shortcut.
 */
export function MainHeader({
  sidebarCollapsed,
  onOpenSidebar,
}: {
  sidebarCollapsed: boolean;
  onOpenSidebar: () => void;
}) {
  useNewChatShortcut();
  // On a chat's page the header also carries its Share button and menu.
  const chatId = /^\/c\/([^/]+)$/.exec(usePathname())?.[1];
  return (
    <header className="flex h-14 shrink-0 items-center gap-1 px-2 md:px-3">
      <Tooltip>
        <TooltipTrigger asChild>
          <Button
            variant="ghost"
            size="icon"
            aria-label="Open sidebar"
            onClick={onOpenSidebar}
            className={cn("text-muted-foreground", !sidebarCollapsed && "md:hidden")}
          >
            <PanelLeftOpen className="size-5" />
          </Button>
        </TooltipTrigger>
        <TooltipContent side="bottom">Open sidebar</TooltipContent>
      </Tooltip>
      {sidebarCollapsed ? (
        <Tooltip>
          <TooltipTrigger asChild>
            <Button
              asChild
              variant="ghost"
              size="icon"
              className="hidden text-muted-foreground md:inline-flex"
            >
              <Link href="/" aria-label="New chat" aria-keyshortcuts="Control+Shift+O Meta+Shift+O">
                <SquarePen className="size-5" />
              </Link>
            </Button>
          </TooltipTrigger>
          <TooltipContent side="bottom">New chat</TooltipContent>
        </Tooltip>
      ) : null}
      <ModelPicker />
      {chatId ? <ChatActions key={chatId} chatId={decodeURIComponent(chatId)} /> : null}
    </header>
  );
}

/** Ctrl+Shift+O (⌘⇧O on a Mac) opens a new chat, as in ChatGPT. */
function useNewChatShortcut() {
  const router = useRouter();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== "o") return;
      event.preventDefault();
      router.push("/");
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [router]);
}
