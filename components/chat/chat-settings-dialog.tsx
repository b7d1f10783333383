"use client";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-parts";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { api, errorMessage, toastError } from "@/lib/client/api";

/** What a chat sends its model besides the messages; null: the model's own default. */
interface ChatSettings {
  systemPrompt: string | null;
  temperature: number | null;
}

/** Where the slider starts when the model's default is switched off: Ollama's own default. */
const START_TEMPERATURE = 0.8;

type Loading =
  { status: "loading" } | { status: "ready"; settings: ChatSettings } | { status: "error"; message: string };

/**
 * "Chat settings": this chat's system prompt and temperature, read from the
 * chat when the dialog opens and saved with PATCH /api/chats/{id}. The next
 * message goes to the model with them.
 */
export function ChatSettingsDialog({
  chatId,
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  chatId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus} className="max-w-xl">
        {open ? <LoadedSettings chatId={chatId} onSaved={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function LoadedSettings({ chatId, onSaved }: { chatId: string; onSaved: () => void }) {
  const [loading, setLoading] = useState<Loading>({ status: "loading" });

  useEffect(() => {
    let live = true;
    api<{ chat: ChatSettings }>(`/api/chats/${encodeURIComponent(chatId)}?messages=0`).then(
      ({ chat }) => {
        if (live)
          setLoading({
            status: "ready",
            settings: { systemPrompt: chat.systemPrompt, temperature: chat.temperature },
          });
      },
      (err: unknown) => {
        if (live) setLoading({ status: "error", message: errorMessage(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [chatId]);

  if (loading.status === "ready")
    return <SettingsForm chatId={chatId} initial={loading.settings} onSaved={onSaved} />;
  return (
    <>
      <DialogHeader>
        <DialogTitle>Chat settings</DialogTitle>
        <DialogDescription>How the model answers in this chat.</DialogDescription>
      </DialogHeader>
      {loading.status === "loading" ? (
        <p role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
          <Spinner /> Loading settings…
        </p>
      ) : (
        <FormAlert message={`Could not load the chat settings: ${loading.message}`} />
      )}
    </>
  );
}

function SettingsForm({
  chatId,
  initial,
  onSaved,
}: {
  chatId: string;
  initial: ChatSettings;
  onSaved: () => void;
}) {
  const [systemPrompt, setSystemPrompt] = useState(initial.systemPrompt ?? "");
  const [useDefault, setUseDefault] = useState(initial.temperature === null);
  const [temperature, setTemperature] = useState(String(initial.temperature ?? START_TEMPERATURE));
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);
  const temperatureRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const value = Number(temperature);
  const inRange = temperature.trim() !== "" && value >= 0 && value <= 2;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!useDefault && !inRange) {
      setInvalid(true);
      temperatureRef.current?.focus();
      return;
    }
    setSaving(true);
    try {
      await api(`/api/chats/${encodeURIComponent(chatId)}`, {
        method: "PATCH",
        body: { systemPrompt: systemPrompt.trim() || null, temperature: useDefault ? null : value },
      });
      toast.success("Chat settings saved");
      onSaved();
    } catch (err) {
      // The dialog stays open with everything typed, to try again.
      toastError(err, "Could not save the chat settings:");
      setSaving(false);
    }
  }

  return (
    <DialogForm
      title="Chat settings"
      description="How the model answers in this chat, from the next message on."
      error={invalid ? "Temperature must be a number from 0 to 2." : null}
      pending={saving}
      submitLabel="Save"
      onSubmit={save}
    >
      <div className="grid gap-2">
        <Label htmlFor={`${id}-system`}>System prompt</Label>
        <Textarea
          id={`${id}-system`}
          value={systemPrompt}
          onChange={(event) => setSystemPrompt(event.target.value)}
          rows={5}
          maxLength={20_000}
          aria-describedby={`${id}-system-hint`}
          placeholder="e.g. You are a patient tutor. Answer in short paragraphs."
          className="max-h-[40dvh] min-h-28"
        />
        <p id={`${id}-system-hint`} className="text-xs text-muted-foreground">
          Instructions the model reads before the conversation. Leave empty for none.
        </p>
      </div>

      <div role="group" aria-labelledby={`${id}-temperature`} className="grid gap-3">
        <div className="flex items-center justify-between gap-4">
          <span id={`${id}-temperature`} className="text-sm leading-none font-medium">
            Temperature
          </span>
          <label className="flex items-center gap-2 text-sm text-muted-foreground">
            <input
              type="checkbox"
              checked={useDefault}
              onChange={(event) => {
                setUseDefault(event.target.checked);
                setInvalid(false);
              }}
              className="size-4 accent-primary"
            />
            Model default
          </label>
        </div>
        {useDefault ? (
          <p className="text-xs text-muted-foreground">The model&apos;s own temperature is used.</p>
        ) : (
          <>
            <div className="flex items-center gap-3">
              <input
                type="range"
                min={0}
                max={2}
                step={0.1}
                value={inRange ? value : START_TEMPERATURE}
                onChange={(event) => {
                  setTemperature(event.target.value);
                  setInvalid(false);
                }}
                aria-label="Temperature"
                aria-describedby={`${id}-temperature-hint`}
                className="h-2 flex-1 cursor-pointer accent-primary"
              />
              <Input
                ref={temperatureRef}
                type="number"
                inputMode="decimal"
                min={0}
                max={2}
                step={0.1}
                value={temperature}
                onChange={(event) => {
                  setTemperature(event.target.value);
                  setInvalid(false);
                }}
                aria-label="Temperature value"
                aria-invalid={invalid || undefined}
                aria-describedby={`${id}-temperature-hint`}
                className="w-20 tabular-nums"
              />
            </div>
            <p id={`${id}-temperature-hint`} className="text-xs text-muted-foreground">
              From 0 to 2. Lower answers are focused and repeatable, higher ones more varied.
            </p>
          </>
        )}
      </div>
    </DialogForm>
  );
}
