"use client";
import { MessagesSquare, RotateCcw } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { toastError } from "@/lib/client/api";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ChatSummary } from "@/lib/chats/list-chats";
import { ChatListItem } from "./chat-list-item";
import { ensureChatsLoaded, loadMoreChats, removeChat, useChatList } from "./chat-list-store";
import { DeleteChatDialog } from "./delete-chat-dialog";

interface ChatGroup {
  label: string;
  chats: ChatSummary[];
}

/** Pinned, Today, Yesterday, Previous 7 days, Older: by the reader's own calendar. */
function groupChats(chats: ChatSummary[], now = new Date()): ChatGroup[] {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1).getTime();
  const weekAgo = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7).getTime();
  const groups: ChatGroup[] = [
    { label: "Pinned", chats: [] },
    { label: "Today", chats: [] },
    { label: "Yesterday", chats: [] },
    { label: "Previous 7 days", chats: [] },
    { label: "Older", chats: [] },
  ];
  for (const chat of chats) {
    const at = new Date(chat.updatedAt).getTime();
    const index = chat.pinned ? 0 : at >= today ? 1 : at >= yesterday ? 2 : at >= weekAgo ? 3 : 4;
    groups[index]!.chats.push(chat);
  }
  return groups.filter((group) => group.chats.length > 0);
}

/**
 * The sidebar's chats, newest first and grouped by day, pinned ones on top;
 * more load as the list is scrolled. Each has a menu: Rename, Pin, Delete
 * (with a few seconds to undo). `onNavigate` closes the mobile sheet.
 */
export function ChatList({ onNavigate }: { onNavigate?: () => void }) {
  const { chats, status, error, nextCursor, loadingMore } = useChatList();
  const pathname = usePathname();
  const router = useRouter();
  const headingId = useId();
  const [deleting, setDeleting] = useState<ChatSummary | null>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ensureChatsLoaded();
  }, []);

  // The next page loads when the end of the list scrolls into view.
  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel || !nextCursor || error) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void loadMoreChats();
      },
      { rootMargin: "200px" },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [nextCursor, chats.length, error]);

  function deleteChat(chat: ChatSummary) {
    const { commit, undo } = removeChat(chat);
    let undone = false;
    const commitNow = () => {
      if (undone) return;
      commit().catch((err: unknown) => toastError(err, "Could not delete the chat."));
    };
    toast("Chat deleted", {
      description: chat.title,
      duration: 5000,
      action: {
        label: "Undo",
        onClick: () => {
          undone = true;
          undo();
        },
      },
      onAutoClose: commitNow,
      onDismiss: commitNow,
    });
    if (pathname === `/c/${chat.id}`) router.push("/");
  }

  if (status === "ready" && chats.length === 0) {
    return (
      <section aria-labelledby={headingId} className="px-2">
        <h2 id={headingId} className="px-2 pt-2 pb-1.5 text-xs font-medium text-muted-foreground">
          Chats
        </h2>
        <div className="flex items-start gap-3 rounded-lg px-2 py-3">
          <MessagesSquare aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          <div className="grid gap-0.5">
            <p className="text-sm font-medium">No chats yet</p>
            <p className="text-xs text-muted-foreground">Your conversations will appear here.</p>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby={headingId} aria-busy={status === "loading" || undefined} className="px-2 pb-2">
      <h2 id={headingId} className="sr-only">
        Chats
      </h2>
      {status === "error" ? (
        <div className="grid gap-2 rounded-lg px-2 py-3 text-sm">
          <p className="text-muted-foreground">Could not load your chats. {error}</p>
          <Button variant="outline" size="sm" className="justify-self-start" onClick={ensureChatsLoaded}>
            <RotateCcw aria-hidden />
            Try again
          </Button>
        </div>
      ) : status !== "ready" ? (
        <ChatListSkeleton />
      ) : (
        groupChats(chats).map((group) => (
          <ChatGroupSection
            key={group.label}
            group={group}
            activePath={pathname}
            onNavigate={onNavigate}
            onDelete={setDeleting}
          />
        ))
      )}
      {nextCursor && status === "ready" ? (
        <div ref={sentinelRef} className="flex h-10 items-center justify-center">
          {loadingMore ? (
            <>
              <Spinner className="text-muted-foreground" />
              <span className="sr-only">Loading more chats…</span>
            </>
          ) : error ? (
            // A failed page is not retried by itself (it would hammer a server that is down).
            <Button variant="ghost" size="sm" onClick={() => void loadMoreChats()}>
              <RotateCcw aria-hidden />
              Load more
            </Button>
          ) : null}
        </div>
      ) : null}
      <DeleteChatDialog
        chat={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={(chat) => {
          setDeleting(null);
          deleteChat(chat);
        }}
      />
    </section>
  );
}

function ChatGroupSection({
  group,
  activePath,
  onNavigate,
  onDelete,
}: {
  group: ChatGroup;
  activePath: string;
  onNavigate?: () => void;
  onDelete: (chat: ChatSummary) => void;
}) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className="mb-3">
      <h3
        id={id}
        className="sticky top-0 z-10 bg-sidebar px-2 pt-2 pb-1.5 text-xs font-medium text-muted-foreground"
      >
        {group.label}
      </h3>
      <ul className="grid grid-cols-1 gap-px">
        {group.chats.map((chat) => (
          <ChatListItem
            key={chat.id}
            chat={chat}
            active={activePath === `/c/${chat.id}`}
            onNavigate={onNavigate}
            onDelete={onDelete}
          />
        ))}
      </ul>
    </div>
  );
}

function ChatListSkeleton() {
  return (
    <div className="grid gap-2 px-2 pt-3">
      <div aria-hidden className="mb-1 h-3 w-12 rounded bg-sidebar-accent" />
      {[72, 88, 60, 80, 66].map((width) => (
        <div
          key={width}
          aria-hidden
          className="h-5 animate-pulse rounded-md bg-sidebar-accent"
          style={{ width: `${width}%` }}
        />
      ))}
      <span className="sr-only">Loading chats…</span>
    </div>
  );
}
