"use client";
import { FileText, Pencil } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { MessageFile, ShownMessage } from "@/lib/client/api-types";
import { formatSize } from "./file-size";
import { ActionButton, BranchArrows, CopyButton, MessageActions } from "./message-actions";
import { PENDING_PREFIX } from "./use-live-message";

/** The user's message: a bubble with its files, Edit turning it into a box that sends a new version. */
export function UserMessage({
  message,
  onEdit,
  onSwitchBranch,
  blocked,
}: {
  message: ShownMessage;
  onEdit: (message: ShownMessage, content: string) => Promise<boolean>;
  onSwitchBranch: (messageId: string) => void;
  blocked: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const pending = message.id.startsWith(PENDING_PREFIX);
  const files = message.files ?? [];

  return (
    <article
      id={`message-${message.id}`}
      className="group/message flex scroll-mt-16 flex-col items-end gap-1"
    >
      <h2 className="sr-only">You said:</h2>
      {files.length ? <MessageFiles files={files} /> : null}
      {editing ? (
        <EditBox
          initial={message.content}
          onCancel={() => setEditing(false)}
          onSend={async (text) => {
            setEditing(false);
            const sent = await onEdit(message, text);
            if (!sent) setEditing(true);
          }}
        />
      ) : message.content ? (
        <div className="max-w-[85%] rounded-3xl bg-secondary px-4 py-2.5 leading-7 whitespace-pre-wrap break-words md:max-w-[70%] md:px-5">
          {message.content}
        </div>
      ) : null}
      {!editing ? (
        <MessageActions visible={false} className="-mr-1.5">
          <BranchArrows message={message} onSwitch={onSwitchBranch} disabled={blocked} />
          <CopyButton text={message.content} />
          {!pending ? (
            <ActionButton label="Edit message" onClick={() => setEditing(true)} disabled={blocked}>
              <Pencil />
            </ActionButton>
          ) : null}
        </MessageActions>
      ) : null}
    </article>
  );
}

/** A user message being rewritten: Enter or Send posts it as a new version, Esc cancels. */
function EditBox({
  initial,
  onCancel,
  onSend,
}: {
  initial: string;
  onCancel: () => void;
  onSend: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const textarea = ref.current;
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, []);
  const empty = text.trim() === "";

  return (
    <form
      className="w-full rounded-3xl bg-secondary p-3 md:max-w-[85%]"
      onSubmit={(event) => {
        event.preventDefault();
        if (!empty) onSend(text.trim());
      }}
    >
      <textarea
        ref={ref}
        value={text}
        aria-label="Edit message"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            if (!empty) onSend(text.trim());
          }
        }}
        className="field-sizing-content max-h-80 min-h-16 w-full resize-none bg-transparent px-2 py-1 text-base leading-7 outline-none"
      />
      <div className="mt-2 flex justify-end gap-2">
        <Button type="button" variant="outline" size="sm" className="rounded-full" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" className="rounded-full" disabled={empty}>
          Send
        </Button>
      </div>
    </form>
  );
}

/** The files sent with a message: images as thumbnails, other files as chips that download them. */
function MessageFiles({ files }: { files: MessageFile[] }) {
  return (
    <ul aria-label="Attached files" className="flex max-w-[85%] flex-wrap justify-end gap-2 md:max-w-[70%]">
      {files.map((file) => {
        const href = `/api/files/${encodeURIComponent(file.id)}`;
        return (
          <li key={file.id}>
            {file.kind === "image" ? (
              <a
                href={href}
                target="_blank"
                rel="noreferrer"
                className="block rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60"
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- a private file behind the session, not an optimisable asset */}
                <img
                  src={href}
                  alt={file.name}
                  className="size-32 rounded-xl border object-cover md:size-40"
                />
              </a>
            ) : (
              <a
                href={href}
                download={file.name}
                className="flex max-w-64 items-center gap-2 rounded-xl border bg-background px-3 py-2 text-sm outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/60"
              >
                <FileText aria-hidden className="size-5 shrink-0 text-muted-foreground" />
                <span className="grid min-w-0">
                  <span className="truncate font-medium">{file.name}</span>
                  <span className="text-xs text-muted-foreground">{formatSize(file.size)}</span>
                </span>
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
