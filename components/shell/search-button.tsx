"use client";
import { Search } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SearchDialog } from "./search-dialog";

/** "Search chats" in the sidebar; Ctrl/Cmd+K opens it from anywhere. */
export function SearchButton({ onNavigate }: { onNavigate?: () => void }) {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      // The sidebar can be mounted twice (column and mobile sheet): the first one takes the shortcut.
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen(true);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      <Button
        variant="ghost"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
        className="w-full justify-start gap-2.5 px-2 font-normal hover:bg-sidebar-accent"
      >
        <Search aria-hidden className="size-[18px]" />
        Search chats
        <kbd aria-hidden className="ml-auto font-mono text-[11px] text-muted-foreground">
          Ctrl K
        </kbd>
      </Button>
      <SearchDialog open={open} onOpenChange={setOpen} onNavigate={onNavigate} />
    </>
  );
}
