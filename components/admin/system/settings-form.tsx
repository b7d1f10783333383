"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { fetchChatModels } from "@/lib/client/admin-system";
import { SETTING_LABELS, type DescribedSettings, type SignUpPolicy } from "@/lib/shared/admin-system";
import { cn } from "@/lib/utils/cn";
import { SettingField } from "./setting-field";
import { useSettingsForm, type FormKey } from "./use-settings-form";

const POLICIES: { value: SignUpPolicy; label: string; hint: string }[] = [
  { value: "open", label: "Open", hint: "Anyone who can reach Hearth can create an account." },
  { value: "approval", label: "Approval", hint: "New accounts wait until an admin approves them." },
  { value: "closed", label: "Closed", hint: "Only admins create accounts, on the Users page." },
];

// Radix Select items cannot have an empty value.
const CHAT_MODEL = "__chat_model__";

/** The instance's defaults, each read-only with its variable when the environment fixes it. */
export function SettingsForm({ initial }: { initial: DescribedSettings }) {
  const form = useSettingsForm(initial);
  const { saved, draft, errors, set } = form;
  const models = useChatModels();
  const fixed = (key: FormKey) => saved[key].fixedBy;
  const field = (key: FormKey) => ({
    id: `setting-${key}`,
    label: SETTING_LABELS[key],
    fixedBy: fixed(key),
    error: errors[key],
  });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const at = await form.save();
    if (at) document.getElementById(`setting-${at}`)?.focus();
  }

  const titleModels = [...models.list];
  if (draft.titleModel && !titleModels.some((m) => m.id === draft.titleModel))
    titleModels.unshift({ id: draft.titleModel, name: `${draft.titleModel} (not installed)` });

  return (
    <section aria-labelledby="settings-heading" className="grid gap-4">
      <div className="grid gap-1">
        <h2 id="settings-heading" className="text-lg font-semibold">
          Settings
        </h2>
        <p className="text-sm text-muted-foreground">
          Stored in the database and applied at once. A setting fixed by an environment variable is shown
          read-only.
        </p>
      </div>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <FormCard title="Accounts">
          <SettingField {...field("signUpPolicy")} asGroup>
            {() => (
              <div className="grid gap-2 sm:grid-cols-3">
                {POLICIES.map((p) => (
                  <label
                    key={p.value}
                    className={cn(
                      "flex cursor-pointer gap-2.5 rounded-lg border p-3 text-sm transition-colors",
                      "has-checked:border-foreground/60 has-checked:bg-muted/50 has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50",
                      "has-disabled:cursor-not-allowed has-disabled:opacity-60",
                    )}
                  >
                    <input
                      type="radio"
                      name="signUpPolicy"
                      value={p.value}
                      checked={draft.signUpPolicy === p.value}
                      onChange={() => set("signUpPolicy", p.value)}
                      className="mt-0.5 size-4 accent-foreground"
                    />
                    <span className="grid gap-0.5">
                      <span className="font-medium">{p.label}</span>
                      <span className="text-xs text-muted-foreground">{p.hint}</span>
                    </span>
                  </label>
                ))}
              </div>
            )}
          </SettingField>
          <SettingField
            {...field("defaultRole")}
            hint="The role a new account gets (the first one is always an admin)."
          >
            {(control) => (
              <Select
                value={draft.defaultRole}
                onValueChange={(v) => set("defaultRole", v as "USER" | "ADMIN")}
                disabled={control.disabled}
              >
                <SelectTrigger {...control} className="sm:max-w-xs">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="USER">User</SelectItem>
                  <SelectItem value="ADMIN">Admin</SelectItem>
                </SelectContent>
              </Select>
            )}
          </SettingField>
        </FormCard>

        <FormCard title="New chats">
          <SettingField
            {...field("defaultSystemPrompt")}
            hint="Copied into each new chat, where its user can change or clear it. Chats already started keep theirs."
          >
            {(control) => (
              <Textarea
                {...control}
                rows={4}
                className="max-h-80 min-h-24"
                placeholder="None: the model's own behaviour"
                value={draft.defaultSystemPrompt}
                onChange={(e) => set("defaultSystemPrompt", e.target.value)}
              />
            )}
          </SettingField>
          <SettingField {...field("titleGeneration")} hint="After the first answer, a model names the chat.">
            {(control) => (
              <label className="flex w-fit cursor-pointer items-center gap-2.5 text-sm has-disabled:cursor-not-allowed has-disabled:opacity-60">
                <input
                  type="checkbox"
                  {...control}
                  checked={draft.titleGeneration}
                  onChange={(e) => set("titleGeneration", e.target.checked)}
                  className="size-4 accent-foreground"
                />
                Write titles for new chats
              </label>
            )}
          </SettingField>
          <SettingField
            {...field("titleModel")}
            hint="A small, fast model keeps titles quick. If it fails, the chat's own model writes the title."
          >
            {(control) => (
              <Select
                value={draft.titleModel || CHAT_MODEL}
                onValueChange={(v) => set("titleModel", v === CHAT_MODEL ? "" : v)}
                disabled={control.disabled || !draft.titleGeneration}
              >
                <SelectTrigger
                  {...control}
                  disabled={control.disabled || !draft.titleGeneration}
                  className="sm:max-w-md"
                >
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={CHAT_MODEL}>The chat&apos;s own model</SelectItem>
                  {titleModels.map((m) => (
                    <SelectItem key={m.id} value={m.id}>
                      {m.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </SettingField>
          {models.error ? (
            <p className="text-xs text-muted-foreground">Could not list the models: {models.error}</p>
          ) : null}
        </FormCard>

        <FormCard
          title="Rate limits"
          description="The defaults for each API key. A user given their own limits on the Users page is counted across all their keys and chat instead."
        >
          <div className="grid gap-5 sm:grid-cols-3">
            <SettingField {...field("rateLimitRequests")} hint="Requests each API key may make per window.">
              {(control) => (
                <Input
                  {...control}
                  inputMode="numeric"
                  value={draft.rateLimitRequests}
                  onChange={(e) => set("rateLimitRequests", e.target.value)}
                />
              )}
            </SettingField>
            <SettingField {...field("rateLimitWindowMs")} hint="The window, in seconds.">
              {(control) => (
                <Input
                  {...control}
                  inputMode="numeric"
                  value={draft.rateLimitWindowMs}
                  onChange={(e) => set("rateLimitWindowMs", e.target.value)}
                />
              )}
            </SettingField>
            <SettingField {...field("rateLimitTokensPerDay")} hint="Per API key; 0 for no limit.">
              {(control) => (
                <Input
                  {...control}
                  inputMode="numeric"
                  value={draft.rateLimitTokensPerDay}
                  onChange={(e) => set("rateLimitTokensPerDay", e.target.value)}
                />
              )}
            </SettingField>
          </div>
        </FormCard>

        <FormCard title="Webhooks">
          <SettingField
            {...field("webhooksAllowPrivate")}
            hint="For receivers on this machine or your LAN. Cloud metadata and link-local addresses stay refused."
          >
            {(control) => (
              <label className="flex w-fit cursor-pointer items-center gap-2.5 text-sm has-disabled:cursor-not-allowed has-disabled:opacity-60">
                <input
                  type="checkbox"
                  {...control}
                  checked={draft.webhooksAllowPrivate}
                  onChange={(e) => set("webhooksAllowPrivate", e.target.checked)}
                  className="size-4 accent-foreground"
                />
                Allow webhooks to loopback and private addresses
              </label>
            )}
          </SettingField>
        </FormCard>

        <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center justify-end gap-3 bg-background/90 px-1 py-3 backdrop-blur">
          <p className="mr-auto text-sm text-muted-foreground" aria-live="polite">
            {form.changed.length
              ? `${form.changed.length} unsaved ${form.changed.length === 1 ? "change" : "changes"}`
              : ""}
          </p>
          <Button variant="ghost" onClick={form.discard} disabled={!form.changed.length || form.pending}>
            Discard
          </Button>
          <Button type="submit" disabled={!form.changed.length || form.pending}>
            {form.pending ? <Spinner /> : null}
            Save changes
          </Button>
        </div>
      </form>
    </section>
  );
}

function FormCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="grid gap-5 rounded-xl border bg-card p-4 shadow-xs sm:p-5">
      <div className="grid gap-1">
        <h3 className="text-base font-semibold">{title}</h3>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
    </div>
  );
}

/** The models users can chat with, for the title model's picker. */
function useChatModels() {
  const [list, setList] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchChatModels(controller.signal).then(setList, (err: unknown) => {
      if (!controller.signal.aborted) setError(err instanceof Error ? err.message : "failed");
    });
    return () => controller.abort();
  }, []);
  return { list, error };
}
