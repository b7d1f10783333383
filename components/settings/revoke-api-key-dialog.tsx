"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteOnServer } from "@/lib/client/delete-on-server";
import type { ApiKeySummary } from "@/lib/keys/list-api-keys";

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
  return (
    <ConfirmDialog
      item={apiKey}
      title="Revoke API key?"
      description={(key) => (
        <>
          The key <span className="font-medium text-foreground">{key.name}</span> (
          <span className="font-mono text-[13px]">{key.prefix}…</span>) stops working immediately: apps and
          scripts that use it will be refused. This can&apos;t be undone.
        </>
      )}
      confirmLabel="Revoke key"
      onConfirm={async (key) => {
        // Already revoked (a 404) counts: either way the key no longer works.
        const error = await deleteOnServer(`/api/keys/${encodeURIComponent(key.id)}`, "API key revoked");
        if (!error) onRevoked(key.id);
        return error;
      }}
      onClose={onClose}
      onCloseAutoFocus={onCloseAutoFocus}
    />
  );
}
