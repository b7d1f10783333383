"use client";
import { Check, Copy } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { FormAlert } from "@/components/auth/form-parts";
import { useCopyFeedback } from "@/components/hooks/use-copy-feedback";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/client/api";
import { createResetLink } from "@/lib/client/admin-users";
import { formatDateTime } from "@/lib/client/format-date";
import type { AdminUserRow, ResetLink } from "@/lib/shared/admin-users";

/**
 * Makes a one-time password-reset link for the user as it opens, and shows
 * it with Copy: the admin hands it over. It is shown this once.
 */
export function ResetLinkDialog({ user, onClose }: { user: AdminUserRow | null; onClose: () => void }) {
  return (
    <Dialog open={user !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        // A stray click beside it must not throw away a link that cannot be shown again.
        onInteractOutside={(event) => event.preventDefault()}
      >
        {user ? <ResetLinkStep user={user} onDone={onClose} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ResetLinkStep({ user, onDone }: { user: AdminUserRow; onDone: () => void }) {
  const [link, setLink] = useState<ResetLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { copied, copy } = useCopyFeedback("Could not copy the link. It is selected: copy it yourself.");
  const fieldRef = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const started = useRef(false);

  useEffect(() => {
    // Once per opening (React may run effects twice in development).
    if (started.current) return;
    started.current = true;
    createResetLink(user.id).then(setLink, (err: unknown) => setError(errorMessage(err)));
  }, [user.id]);

  // The page the person opens is on the address this admin uses, like share links.
  const url = link ? `${window.location.origin}${link.path}` : "";

  return (
    <>
      <DialogHeader>
        <DialogTitle>Password reset link</DialogTitle>
        <DialogDescription>
          Give this link to <span className="font-medium text-foreground">{user.email}</span>. It works once,
          for 24 hours, and signs them out everywhere when used. Making a new link cancels this one.
        </DialogDescription>
      </DialogHeader>
      <FormAlert message={error} />
      {!link && !error ? (
        <div className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
          <Spinner /> Creating the link…
        </div>
      ) : null}
      {link ? (
        <div className="grid gap-2">
          <label htmlFor={fieldId} className="text-sm font-medium">
            Link
          </label>
          <div className="flex gap-2">
            <input
              ref={fieldRef}
              id={fieldId}
              readOnly
              value={url}
              onFocus={(event) => event.currentTarget.select()}
              className="h-10 min-w-0 flex-1 rounded-lg border bg-muted/50 px-3 font-mono text-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60"
            />
            <Button
              type="button"
              variant="outline"
              onClick={() => {
                fieldRef.current?.select();
                void copy(url);
              }}
            >
              {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">Expires {formatDateTime(link.expiresAt)}.</p>
        </div>
      ) : null}
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </>
  );
}
