"use client";
import { KeyRound, Plus } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ApiKeySummary } from "@/lib/keys/list-api-keys";
import { ApiKeyList } from "./api-key-list";
import { ApiUsagePanel } from "./api-usage-panel";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";

/**
 * The API keys page: the list, creating a key (its secret shown once) and
 * revoking one. Starts from the server's list and keeps it locally after each change.
 */
export function ApiKeysManager({ initialKeys }: { initialKeys: ApiKeySummary[] }) {
  const [keys, setKeys] = useState(initialKeys);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  // The one "Create new key" button: in the header, or in the empty state when there are no keys.
  const createButtonRef = useRef<HTMLButtonElement>(null);
  const focusCreateButton = () => createButtonRef.current?.focus();
  // The dialogs have no Radix trigger, so focus is handed back by hand.
  const revokeOpenerRef = useRef<HTMLElement | null>(null);

  const createButton = (
    <Button ref={createButtonRef} onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      Create new key
    </Button>
  );

  return (
    <div className="@container grid gap-10">
      <section aria-labelledby="api-keys-heading" className="grid gap-5">
        <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-4">
          <div className="grid max-w-xl gap-1.5">
            <h2 id="api-keys-heading" className="text-lg font-semibold">
              API keys
            </h2>
            <p className="text-sm text-muted-foreground">
              Keys let your apps and scripts use Hearth through its OpenAI-compatible API. Keep them secret:
              anyone with a key can use it as you. Don&apos;t put one in code that runs in a browser.
            </p>
            <p className="text-sm text-muted-foreground">
              See the{" "}
              <Link href="/docs" className="font-medium text-foreground underline underline-offset-4">
                guide
              </Link>{" "}
              (curl, Python, Node, LangChain, the AI SDK) and the{" "}
              <Link href="/docs/api" className="font-medium text-foreground underline underline-offset-4">
                API reference
              </Link>
              .
            </p>
          </div>
          {keys.length > 0 ? createButton : null}
        </div>

        {keys.length > 0 ? (
          <ApiKeyList
            keys={keys}
            onRevoke={(key) => {
              revokeOpenerRef.current =
                document.activeElement instanceof HTMLElement ? document.activeElement : null;
              setRevoking(key);
            }}
          />
        ) : (
          <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-12 text-center">
            <div className="flex size-11 items-center justify-center rounded-full bg-muted">
              <KeyRound aria-hidden className="size-5 text-muted-foreground" />
            </div>
            <h3 className="mt-4 text-sm font-semibold">No API keys yet</h3>
            <p className="mt-1 mb-5 max-w-sm text-sm text-muted-foreground">
              Create a key to chat with Hearth&apos;s models from your own code, or from any tool that works
              with the OpenAI API.
            </p>
            {createButton}
          </div>
        )}
      </section>

      <ApiUsagePanel />

      <CreateApiKeyDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={(created) => setKeys((current) => [created, ...current])}
        onCloseAutoFocus={(event) => {
          // The button that opened it may have moved from the empty state to the header.
          event.preventDefault();
          focusCreateButton();
        }}
      />
      <RevokeApiKeyDialog
        apiKey={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(id) => setKeys((current) => current.filter((key) => key.id !== id))}
        onCloseAutoFocus={(revoked, event) => {
          event.preventDefault();
          const opener = revokeOpenerRef.current;
          revokeOpenerRef.current = null;
          // Once revoked, the row and its button are gone.
          if (!revoked && opener?.isConnected) opener.focus();
          else focusCreateButton();
        }}
      />
    </div>
  );
}
