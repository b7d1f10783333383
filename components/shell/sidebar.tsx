"use client";
import { PanelLeftClose, SquarePen } from "lucide-react";
import Link from "next/link";
import { Wordmark } from "@/components/brand/wordmark";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { AccountMenu } from "./account-menu";
import { ChatList } from "./chat-list";
import { SearchButton } from "./search-button";

/**
 * What the sidebar holds, the same on desktop (a column) and mobile (a sheet).
 * `onClose` collapses the column or closes the sheet; `onNavigate` lets the
 * sheet close when a link is followed, even to the page already shown.
 */
export function Sidebar({ onClose, onNavigate }: { onClose: () => void; onNavigate?: () => void }) {
  return (
    <div className="flex h-full w-full flex-col bg-sidebar text-sidebar-foreground">
      <div className="flex h-14 shrink-0 items-center justify-between gap-2 px-3">
        <Link
          href="/"
          onClick={onNavigate}
          className="rounded-md px-1 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60"
        >
          <Wordmark />
        </Link>
        <Tooltip>
          <TooltipTrigger asChild>
            <Button
              variant="ghost"
              size="icon"
              aria-label="Close sidebar"
              onClick={onClose}
              className="text-muted-foreground hover:bg-sidebar-accent"
            >
              <PanelLeftClose className="size-5" />
            </Button>
          </TooltipTrigger>
          <TooltipContent side="right">Close sidebar</TooltipContent>
        </Tooltip>
      </div>

      <nav className="flex min-h-0 flex-1 flex-col">
        <div className="px-2 pb-2">
          <Button
            asChild
            variant="ghost"
            className="w-full justify-start gap-2.5 px-2 font-normal hover:bg-sidebar-accent"
          >
            <Link href="/" onClick={onNavigate}>
              <SquarePen aria-hidden className="size-[18px]" />
              New chat
            </Link>
          </Button>
          <SearchButton onNavigate={onNavigate} />
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">
          <ChatList onNavigate={onNavigate} />
        </div>
      </nav>

      <div className="shrink-0 border-t border-sidebar-border p-2">
        <AccountMenu onNavigate={onNavigate} />
      </div>
    </div>
  );
}
