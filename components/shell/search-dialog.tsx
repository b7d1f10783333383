"use client";
import { MessageSquare, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { requestScrollTo } from "@/components/chat/scroll-target";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/client/api";
import { MATCH_END, MATCH_START, type SearchHit } from "@/lib/client/api-types";
import { searchChats, switchBranch } from "@/lib/client/chat-api";
import { formatDate } from "@/lib/client/format-date";
import { cn } from "@/lib/utils/cn";

type SearchState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "done"; query: string; hits: SearchHit[] };

const DEBOUNCE_MS = 200;

/** The snippet with the server's marked words as <mark>: split on the control characters, never parsed as HTML. */
export function MarkedSnippet({ snippet }: { snippet: string }) {
  const parts: React.ReactNode[] = [];
  let rest = snippet;
  let key = 0;
  while (rest.length > 0) {
    const start = rest.indexOf(MATCH_START);
    if (start === -1) {
      parts.push(rest.replaceAll(MATCH_END, ""));
      break;
    }
    if (start > 0) parts.push(rest.slice(0, start).replaceAll(MATCH_END, ""));
    const end = rest.indexOf(MATCH_END, start + 1);
    const marked = rest.slice(start + 1, end === -1 ? undefined : end);
    parts.push(
      <mark key={key++} className="rounded-sm bg-amber-200/80 px-0.5 text-foreground dark:bg-amber-400/30">
        {marked.replaceAll(MATCH_START, "")}
      </mark>,
    );
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  return <>{parts}</>;
}

/** "Search chats": results as you type; Enter or a click opens the chat at the matching message. */
export function SearchDialog({
  open,
  onOpenChange,
  onNavigate,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onNavigate?: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        showCloseButton={false}
        className="top-[12dvh] max-w-xl translate-y-0 grid-cols-[minmax(0,1fr)] gap-0 overflow-hidden p-0 sm:p-0"
      >
        {open ? (
          <SearchPanel
            onDone={() => {
              onOpenChange(false);
              onNavigate?.();
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function SearchPanel({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [state, setState] = useState<SearchState>({ kind: "idle" });
  const [active, setActive] = useState(0);
  const [opening, setOpening] = useState(false);
  const inputId = useId();
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const q = query.trim();
    // An empty box shows the hint (see `shown`): nothing to fetch.
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState({ kind: "loading" });
      try {
        const hits = await searchChats(q, controller.signal);
        setActive(0);
        setState({ kind: "done", query: q, hits });
      } catch (error: unknown) {
        if (controller.signal.aborted) return;
        setState({ kind: "error", message: errorMessage(error) });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const shown: SearchState = query.trim() ? state : { kind: "idle" };
  const hits = shown.kind === "done" ? shown.hits : [];

  async function openHit(hit: SearchHit) {
    setOpening(true);
    if (hit.messageId) {
      // Show the branch through the matching message, so it is on screen when the chat opens.
      try {
        await switchBranch(hit.chatId, hit.messageId);
      } catch {
        /* land on the chat anyway */
      }
    }
    // Asked before moving, so the chat view finds it however it comes to show the chat.
    if (hit.messageId) requestScrollTo({ chatId: hit.chatId, messageId: hit.messageId });
    onDone();
    router.push(`/c/${hit.chatId}`);
    router.refresh();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (hits.length === 0) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((i) => (i + 1) % hits.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (i - 1 + hits.length) % hits.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const hit = hits[active];
      if (hit) void openHit(hit);
    }
  }

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <>
      <DialogTitle className="sr-only">Search chats</DialogTitle>
      <DialogDescription className="sr-only">
        Type words from a chat. Use the arrow keys to choose a result and Enter to open it.
      </DialogDescription>
      <div className="flex items-center gap-2 border-b px-4">
        <Search aria-hidden className="size-4 shrink-0 text-muted-foreground" />
        <label htmlFor={inputId} className="sr-only">
          Search
        </label>
        <input
          id={inputId}
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search chats…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          className="h-12 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-muted-foreground sm:text-sm [&::-webkit-search-cancel-button]:hidden"
        />
        {shown.kind === "loading" || opening ? <Spinner className="text-muted-foreground" /> : null}
        <kbd className="hidden rounded border bg-muted px-1.5 py-0.5 font-mono text-[11px] text-muted-foreground sm:inline">
          Esc
        </kbd>
      </div>

      <div className="max-h-[min(60dvh,28rem)] min-w-0 overflow-y-auto">
        <div aria-live="polite" className="sr-only">
          {shown.kind === "done"
            ? shown.hits.length === 0
              ? "No chats match"
              : `${shown.hits.length} ${shown.hits.length === 1 ? "result" : "results"}`
            : ""}
        </div>
        {shown.kind === "idle" ? (
          <p className="px-4 py-8 text-center text-sm text-muted-foreground">
            Find a chat by words in its title or messages.
          </p>
        ) : null}
        {shown.kind === "loading" ? (
          <p className="px-4 py-8 text-center text-sm text-muted-foreground">Searching…</p>
        ) : null}
        {shown.kind === "error" ? (
          <p role="alert" className="px-4 py-8 text-center text-sm text-destructive">
            {shown.message}
          </p>
        ) : null}
        {shown.kind === "done" && shown.hits.length === 0 ? (
          <p className="px-4 py-8 text-center text-sm text-muted-foreground">No chats match</p>
        ) : null}
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label="Results"
          className={cn("flex flex-col gap-0.5 p-2", hits.length === 0 && "hidden")}
        >
          {hits.map((hit, i) => (
            <li
              key={`${hit.chatId}-${hit.messageId ?? "title"}`}
              id={optionId(i)}
              data-index={i}
              role="option"
              aria-selected={i === active}
              onMouseMove={() => setActive(i)}
              onClick={() => void openHit(hit)}
              className={cn(
                "flex cursor-pointer gap-3 rounded-lg px-3 py-2.5",
                i === active ? "bg-accent text-accent-foreground" : "",
              )}
            >
              <MessageSquare aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
              <div className="grid min-w-0 flex-1 gap-0.5">
                <div className="flex min-w-0 items-baseline justify-between gap-3">
                  <span className="min-w-0 truncate text-sm font-medium">{hit.title}</span>
                  <time dateTime={hit.updatedAt} className="shrink-0 text-xs text-muted-foreground">
                    {formatDate(hit.updatedAt)}
                  </time>
                </div>
                {hit.snippet ? (
                  <p className="line-clamp-2 text-sm break-words text-muted-foreground">
                    <MarkedSnippet snippet={hit.snippet} />
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
