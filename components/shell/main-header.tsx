"use client";
import { ChevronDown, PanelLeftOpen, SquarePen } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils/cn";

/**
 * The bar above the conversation: the sidebar button (always on mobile; on
 * desktop only while the sidebar is collapsed) and the model picker.
 */
export function MainHeader({
  sidebarCollapsed,
  onOpenSidebar,
}: {
  sidebarCollapsed: boolean;
  onOpenSidebar: () => void;
}) {
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
              <Link href="/" aria-label="New chat">
                <SquarePen className="size-5" />
              </Link>
            </Button>
          </TooltipTrigger>
          <TooltipContent side="bottom">New chat</TooltipContent>
        </Tooltip>
      ) : null}
      <ModelPicker />
    </header>
  );
}

/** A placeholder until models can be connected: it says so instead of pretending. */
function ModelPicker() {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="gap-1 px-2.5 text-[17px] font-medium">
          Hearth
          <ChevronDown aria-hidden className="size-4 text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>Model</DropdownMenuLabel>
        <p className="px-2 pb-2 text-sm text-muted-foreground">
          No models are connected yet. Once an administrator connects Ollama or an OpenAI-compatible server,
          you can pick one here.
        </p>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
