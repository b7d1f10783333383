"use client";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/auth/form-parts";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { api } from "@/lib/client/api";
import { copyText } from "@/lib/client/copy-text";
import { formatDate } from "@/lib/client/format-date";
import type { CreatedApiKey } from "@/lib/keys/create-api-key";
import type { ApiKeySummary } from "@/lib/keys/list-api-keys";
import { useFormRequest } from "./use-form-request";

const EXPIRATIONS = [
  { value: "never", label: "Never" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "1y", label: "1 year" },
] as const;
type Expiration = (typeof EXPIRATIONS)[number]["value"];

/** When a key made now with this choice expires, or null for never. */
function expiryOf(choice: Expiration, now = new Date()): Date | null {
  if (choice === "never") return null;
  const at = new Date(now);
  if (choice === "1y") at.setFullYear(at.getFullYear() + 1);
  else at.setDate(at.getDate() + Number.parseInt(choice, 10));
  return at;
}

/** "llama3.2, qwen3 ,, llama3.2" -> ["llama3.2", "qwen3"]; nothing -> null (every model). */
function parseModels(text: string): string[] | null {
  const models = [...new Set(text.split(",").map((model) => model.trim()))].filter(Boolean);
  return models.length > 0 ? models : null;
}

/** The server's limit (lib/keys/create-api-key.ts). */
const MAX_MODELS = 100;

/** What the server calls a field -> what this form calls it, for its error messages. */
const FIELD_LABELS = { name: "Name", expiresAt: "Expiration", models: "Limit to models" };

/**
 * "Create new key": a name, an expiry and optional model limits; then the
 * secret, shown this once, in the same dialog.
 */
export function CreateApiKeyDialog({
  open,
  onOpenChange,
  onCreated,
  onCloseAutoFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (key: ApiKeySummary) => void;
  onCloseAutoFocus: (event: Event) => void;
}) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  function changeOpen(next: boolean) {
    // Forget the secret as soon as the dialog closes.
    if (!next) setCreated(null);
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent
        onCloseAutoFocus={onCloseAutoFocus}
        // A stray click beside the dialog must not throw away a secret that cannot be shown again.
        onInteractOutside={(event) => {
          if (created) event.preventDefault();
        }}
      >
        {created ? (
          <SaveKeyStep secret={created.key} onDone={() => changeOpen(false)} />
        ) : (
          <CreateKeyForm
            onCreated={(key) => {
              setCreated(key);
              onCreated({
                id: key.id,
                name: key.name,
                prefix: key.prefix,
                createdAt: key.createdAt,
                lastUsedAt: null,
                expiresAt: key.expiresAt,
                expired: false,
                models: key.models,
                endpoints: key.endpoints,
              });
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const [expiration, setExpiration] = useState<Expiration>("never");
  const nameRef = useRef<HTMLInputElement>(null);
  const modelsRef = useRef<HTMLInputElement>(null);
  const { error, invalid, pending, fail, send } = useFormRequest({
    name: nameRef,
    expiresAt: null,
    models: modelsRef,
  });
  const expirationId = useId();
  const expiry = expiryOf(expiration);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    if (!name) return fail("name", "Give the key a name.");
    const models = parseModels(String(data.get("models") ?? ""));
    if (models && models.length > MAX_MODELS) {
      return fail(
        "models",
        `List at most ${MAX_MODELS} models, or leave the field empty to allow every model.`,
      );
    }

    await send(
      () =>
        api<CreatedApiKey>("/api/keys", {
          method: "POST",
          body: {
            name,
            // Counted from the moment of creation, not from when the dialog opened.
            expiresAt: expiryOf(expiration)?.toISOString() ?? null,
            models,
          },
          labels: FIELD_LABELS,
        }),
      onCreated,
    );
  }

  return (
    <DialogForm
      title="Create API key"
      description="Name it after the app or computer that will use it, so you can tell your keys apart later."
      error={error}
      pending={pending}
      submitLabel="Create key"
      onSubmit={onSubmit}
    >
      <FormField
        ref={nameRef}
        id="api-key-name"
        name="name"
        label="Name"
        placeholder="e.g. laptop"
        autoComplete="off"
        maxLength={100}
        required
        autoFocus
        invalid={invalid === "name"}
      />
      <div className="grid gap-2">
        <Label htmlFor={expirationId}>Expiration</Label>
        <Select value={expiration} onValueChange={(value) => setExpiration(value as Expiration)}>
          <SelectTrigger
            id={expirationId}
            aria-describedby={`${expirationId}-hint`}
            aria-invalid={invalid === "expiresAt" || undefined}
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {EXPIRATIONS.map(({ value, label }) => (
              <SelectItem key={value} value={value}>
                {label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <p id={`${expirationId}-hint`} className="text-xs text-muted-foreground">
          {expiry
            ? `The key stops working on ${formatDate(expiry.toISOString())}.`
            : "The key works until you revoke it."}
        </p>
      </div>
      <FormField
        ref={modelsRef}
        id="api-key-models"
        name="models"
        label="Limit to models"
        placeholder="All models"
        autoComplete="off"
        spellCheck={false}
        hint="Optional. Model names separated by commas, e.g. llama3.2, qwen3. Leave empty to allow every model."
        invalid={invalid === "models"}
      />
    </DialogForm>
  );
}

function SaveKeyStep({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const fieldId = useId();

  async function copy() {
    if (await copyText(secret)) {
      setCopied(true);
      toast.success("API key copied");
      return;
    }
    // Leave it selected, so Ctrl+C (or a long press) is all it takes.
    fieldRef.current?.select();
    toast.error("Could not copy the key. It is selected: copy it yourself.");
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Save your key</DialogTitle>
        <DialogDescription>
          Store it somewhere safe, like a password manager. Anyone who has it can use Hearth as you.
        </DialogDescription>
      </DialogHeader>

      <div className="grid gap-2">
        <Label htmlFor={fieldId}>API key</Label>
        <div className="flex items-start gap-2">
          <textarea
            ref={fieldRef}
            id={fieldId}
            readOnly
            value={secret}
            rows={1}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
            className="field-sizing-content min-h-10 w-full min-w-0 resize-none rounded-lg border border-input bg-muted/50 px-3 py-2 font-mono text-[13px] leading-5 break-all shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/20"
          />
          <Button variant="outline" autoFocus onClick={() => void copy()} className="w-24">
            {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
      </div>

      <p className="flex items-start gap-2 rounded-lg border border-amber-500/30 bg-amber-500/10 px-3 py-2.5 text-sm text-amber-800 dark:text-amber-300">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>You won&apos;t be able to see this key again.</span>
      </p>

      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </>
  );
}
