"use client";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-parts";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ApiKeySummary } from "@/lib/keys/list-api-keys";
import { NETWORK_ERROR, readApiFailure } from "./api-error";

/** Asks before revoking `apiKey` (open while it is set), then revokes it. */
export function RevokeApiKeyDialog({
  apiKey,
  onClose,
  onRevoked,
  onCloseAutoFocus,
}: {
  apiKey: ApiKeySummary | null;
  onClose: () => void;
  onRevoked: (id: string) => void;
  /** Where focus goes afterwards; `revoked` says whether the key (and its row) is gone. */
  onCloseAutoFocus: (revoked: boolean, event: Event) => void;
}) {
  const revokedRef = useRef(false);
  return (
    <AlertDialog open={apiKey !== null} onOpenChange={(open) => !open && onClose()}>
      <AlertDialogContent
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus(revokedRef.current, event);
          revokedRef.current = false;
        }}
      >
        {apiKey ? (
          <RevokeConfirmation
            apiKey={apiKey}
            onRevoked={() => {
              revokedRef.current = true;
              onRevoked(apiKey.id);
              onClose();
            }}
          />
        ) : null}
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** The dialog's inside: mounted on each opening, so no error or spinner is left from the last one. */
function RevokeConfirmation({ apiKey, onRevoked }: { apiKey: ApiKeySummary; onRevoked: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/keys/${encodeURIComponent(apiKey.id)}`, { method: "DELETE" });
      // 404: already revoked (in another tab, say). Either way it no longer works.
      if (res.ok || res.status === 404) {
        toast.success("API key revoked");
        onRevoked();
        return;
      }
      setError((await readApiFailure(res)).message);
    } catch {
      setError(NETWORK_ERROR);
    }
    setPending(false);
  }

  return (
    <>
      <AlertDialogHeader>
        <AlertDialogTitle>Revoke API key?</AlertDialogTitle>
        <AlertDialogDescription className="break-words">
          The key <span className="font-medium text-foreground">{apiKey.name}</span> (
          <span className="font-mono text-[13px]">{apiKey.prefix}…</span>) stops working immediately: apps and
          scripts that use it will be refused. This can&apos;t be undone.
        </AlertDialogDescription>
      </AlertDialogHeader>
      <FormAlert message={error} />
      <AlertDialogFooter>
        <AlertDialogCancel asChild>
          <Button variant="outline">Cancel</Button>
        </AlertDialogCancel>
        <Button
          variant="destructive"
          onClick={() => void revoke()}
          disabled={pending}
          aria-busy={pending || undefined}
        >
          {pending ? <Spinner /> : null}
          Revoke key
        </Button>
      </AlertDialogFooter>
    </>
  );
}
