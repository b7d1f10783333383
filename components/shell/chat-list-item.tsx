"use client";
import { Ellipsis, Pencil, Pin, PinOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { toastError } from "@/lib/client/api";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { ChatSummary } from "@/lib/chats/list-chats";
import { cn } from "@/lib/utils/cn";
import { changeChat } from "./chat-list-store";

/** One chat in the sidebar: its link, and a menu to rename (in place), pin or delete it. */
export function ChatListItem({
  chat,
  active,
  onNavigate,
  onDelete,
}: {
  chat: ChatSummary;
  active: boolean;
  onNavigate?: () => void;
  onDelete: (chat: ChatSummary) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  // Choosing Rename closes the menu, which would put focus back on its button, away from the field.
  const keepFocus = useRef(false);

  async function save(changes: { title?: string; pinned?: boolean }) {
    try {
      await changeChat(chat.id, changes);
    } catch (err) {
      toastError(err);
    }
  }

  return (
    <li className="group/chat relative min-w-0">
      {renaming ? (
        <RenameField
          title={chat.title}
          onDone={(title) => {
            setRenaming(false);
            if (title && title !== chat.title) void save({ title });
          }}
        />
      ) : (
        <Link
          href={`/c/${chat.id}`}
          onClick={onNavigate}
          aria-current={active ? "page" : undefined}
          title={chat.title}
          className={cn(
            "flex h-9 items-center rounded-lg px-2 pr-9 text-sm outline-none hover:bg-sidebar-accent focus-visible:ring-[3px] focus-visible:ring-ring/60",
            active && "bg-sidebar-accent font-medium",
            menuOpen && "bg-sidebar-accent",
          )}
        >
          <span className="truncate">{chat.title}</span>
        </Link>
      )}
      {renaming ? null : (
        <DropdownMenu open={menuOpen} onOpenChange={setMenuOpen}>
          <DropdownMenuTrigger
            aria-label={`Options for ${chat.title}`}
            className={cn(
              "absolute top-1/2 right-1 flex size-7 -translate-y-1/2 items-center justify-center rounded-md text-muted-foreground outline-none hover:text-foreground focus-visible:opacity-100 focus-visible:ring-[3px] focus-visible:ring-ring/60",
              "opacity-0 group-hover/chat:opacity-100 data-[state=open]:opacity-100 [@media(hover:none)]:opacity-100",
              active && "opacity-100",
            )}
          >
            <Ellipsis aria-hidden className="size-4" />
          </DropdownMenuTrigger>
          <DropdownMenuContent
            align="start"
            className="w-44"
            onCloseAutoFocus={(event) => {
              if (keepFocus.current) event.preventDefault();
              keepFocus.current = false;
            }}
          >
            <DropdownMenuItem
              onSelect={() => {
                keepFocus.current = true;
                setRenaming(true);
              }}
            >
              <Pencil aria-hidden />
              Rename
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => void save({ pinned: !chat.pinned })}>
              {chat.pinned ? <PinOff aria-hidden /> : <Pin aria-hidden />}
              {chat.pinned ? "Unpin" : "Pin"}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="destructive" onSelect={() => onDelete(chat)}>
              <Trash2 aria-hidden />
              Delete
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      )}
    </li>
  );
}

/** The title, editable in place: Enter or leaving the field saves, Esc cancels. */
function RenameField({ title, onDone }: { title: string; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(title);
  const done = useRef(false);
  const finish = (result: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(result);
  };

  return (
    <input
      // Focus moves here on purpose: the user asked to rename.
      autoFocus
      aria-label="Chat title"
      value={value}
      maxLength={200}
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          finish(value.trim() || null);
        } else if (event.key === "Escape") {
          event.preventDefault();
          finish(null);
        }
      }}
      onBlur={() => finish(value.trim() || null)}
      className="h-9 w-full rounded-lg border border-ring bg-background px-2 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40"
    />
  );
}
