"use client";
import { Download, Ellipsis, Link2, Settings2, Share } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { api, errorMessage, toastError } from "@/lib/client/api";
import type { ShareLink } from "@/lib/client/api-types";
import { copyText } from "@/lib/client/copy-text";
import { ChatSettingsDialog } from "./chat-settings-dialog";

/** The header's actions for the open chat: Share, and a menu for its settings and exports. */
export function ChatActions({ chatId }: { chatId: string }) {
  return (
    <div className="ml-auto flex items-center gap-1">
      <ShareDialog chatId={chatId} />
      <ChatMenu chatId={chatId} />
    </div>
  );
}

const EXPORTS = [
  { format: "json", label: "Export as JSON" },
  { format: "markdown", label: "Export as Markdown" },
  { format: "csv", label: "Export as CSV" },
] as const;

function ChatMenu({ chatId }: { chatId: string }) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <DropdownMenu>
        <Tooltip>
          <TooltipTrigger asChild>
            <DropdownMenuTrigger asChild>
              <Button
                ref={triggerRef}
                variant="ghost"
                size="icon"
                aria-label="Chat options"
                className="text-muted-foreground"
              >
                <Ellipsis className="size-5" />
              </Button>
            </DropdownMenuTrigger>
          </TooltipTrigger>
          <TooltipContent side="bottom">Chat options</TooltipContent>
        </Tooltip>
        <DropdownMenuContent align="end" className="min-w-48">
          <DropdownMenuItem onSelect={() => setSettingsOpen(true)}>
            <Settings2 aria-hidden />
            Chat settings
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>Export</DropdownMenuLabel>
          {EXPORTS.map(({ format, label }) => (
            <DropdownMenuItem key={format} asChild>
              <a href={`/api/chats/${encodeURIComponent(chatId)}/export?format=${format}`} download>
                <Download aria-hidden />
                {label}
              </a>
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      <ChatSettingsDialog
        chatId={chatId}
        open={settingsOpen}
        onOpenChange={setSettingsOpen}
        // Opened from a menu that is gone by now: give the focus back to the menu's button.
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          triggerRef.current?.focus();
        }}
      />
    </>
  );
}

/**
 * "Share chat": makes a public, read-only link to the conversation as it is
 * now, and lists the links already made so they can be revoked.
 */
function ShareDialog({ chatId }: { chatId: string }) {
  const [open, setOpen] = useState(false);
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [created, setCreated] = useState<ShareLink | null>(null);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ShareLink | null>(null);
  const base = `/api/chats/${encodeURIComponent(chatId)}/shares`;

  async function load() {
    try {
      setLinks((await api<{ data: ShareLink[] }>(base)).data);
    } catch (err) {
      toastError(err);
      setLinks([]);
    }
  }

  async function create() {
    setCreating(true);
    try {
      const link = await api<ShareLink>(base, { method: "POST" });
      setCreated(link);
      setLinks((current) => [link, ...(current ?? []).filter((l) => l.id !== link.id)]);
    } catch (err) {
      toastError(err);
    } finally {
      setCreating(false);
    }
  }

  async function copy(url: string) {
    if (await copyText(url)) toast.success("Link copied");
    else toast.error("Could not copy. Select the link and copy it by hand.");
  }

  /** Revokes after the confirmation; a failure is shown in the dialog, which stays open. */
  async function revoke(link: ShareLink): Promise<string | null> {
    try {
      await api(`/api/shares/${encodeURIComponent(link.id)}`, { method: "DELETE" });
    } catch (err) {
      return errorMessage(err);
    }
    setLinks((current) => (current ?? []).filter((l) => l.id !== link.id));
    if (created?.id === link.id) setCreated(null);
    toast.success("Link revoked");
    return null;
  }

  const others = (links ?? []).filter((l) => l.id !== created?.id);

  return (
    <>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) {
            setCreated(null);
            setLinks(null);
            void load();
          }
        }}
      >
        <DialogTrigger asChild>
          <Button variant="ghost" size="sm" className="gap-1.5 text-muted-foreground hover:text-foreground">
            <Share aria-hidden className="size-4" />
            Share
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Share chat</DialogTitle>
            <DialogDescription>
              Anyone with the link can read the conversation as it is now. Messages you send later are not
              shared. Revoke the link to stop it working.
            </DialogDescription>
          </DialogHeader>

          {created ? (
            <div className="grid gap-2">
              <label htmlFor="share-link" className="text-sm font-medium">
                Share link
              </label>
              <div className="flex gap-2">
                <Input
                  id="share-link"
                  readOnly
                  value={created.url}
                  onFocus={(event) => event.currentTarget.select()}
                  className="min-w-0 flex-1"
                />
                <Button onClick={() => void copy(created.url)}>
                  <Link2 aria-hidden />
                  Copy link
                </Button>
              </div>
            </div>
          ) : (
            <Button onClick={() => void create()} disabled={creating} className="justify-self-start">
              {creating ? <Spinner /> : <Link2 aria-hidden />}
              Create link
            </Button>
          )}

          {links === null ? (
            <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
              <Spinner /> Loading links…
            </p>
          ) : others.length ? (
            <section aria-labelledby="share-existing" className="grid gap-2">
              <h3 id="share-existing" className="text-sm font-medium">
                {created ? "Other links to this chat" : "Links to this chat"}
              </h3>
              <ul className="grid gap-1.5">
                {others.map((link) => (
                  <li key={link.id} className="flex items-center gap-2 rounded-lg border px-3 py-2 text-sm">
                    <span className="grid min-w-0 flex-1">
                      <span className="truncate font-mono text-xs">{link.url}</span>
                      <span className="text-xs text-muted-foreground">
                        Created {new Date(link.createdAt).toLocaleString()}
                      </span>
                    </span>
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Copy link created ${new Date(link.createdAt).toLocaleString()}`}
                      onClick={() => void copy(link.url)}
                    >
                      Copy
                    </Button>
                    <Button variant="outline" size="sm" onClick={() => setRevoking(link)}>
                      Revoke
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {created ? (
            <div className="flex justify-end">
              <Button variant="outline" size="sm" onClick={() => setRevoking(created)}>
                Revoke this link
              </Button>
            </div>
          ) : null}
        </DialogContent>
      </Dialog>

      <ConfirmDialog
        item={revoking}
        title="Revoke link?"
        description={() => "The link stops working at once. Anyone who opens it will see nothing."}
        confirmLabel="Revoke"
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
