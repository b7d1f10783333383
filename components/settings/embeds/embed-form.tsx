"use client";
import { useRef, useState } from "react";
import { FormAlert } from "@/components/auth/form-parts";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import type { EmbedSettingsInput, EmbedView } from "@/lib/embeds/schemas";
import { useFormRequest } from "../use-form-request";

export interface ModelChoice {
  id: string;
  name: string;
}

type Field = keyof EmbedSettingsInput;

const THEMES = [
  { value: "auto", label: "Follow the visitor's system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
] as const;

/** "https://a.example\n https://b.example ,," -> ["https://a.example", "https://b.example"] */
function parseOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * An embed's settings: who may show it (exact origins), what answers
 * (model, system prompt, greeting), how it looks, and what it may spend.
 */
export function EmbedForm({
  embed,
  models,
  submitLabel,
  onSubmit,
}: {
  embed?: EmbedView;
  models: ModelChoice[];
  submitLabel: string;
  onSubmit: (input: EmbedSettingsInput) => Promise<unknown>;
}) {
  const nameRef = useRef<HTMLInputElement>(null);
  const originsRef = useRef<HTMLTextAreaElement>(null);
  const modelRef = useRef<HTMLButtonElement>(null);
  const systemRef = useRef<HTMLTextAreaElement>(null);
  const greetingRef = useRef<HTMLTextAreaElement>(null);
  const themeRef = useRef<HTMLButtonElement>(null);
  const accentRef = useRef<HTMLInputElement>(null);
  const rateRef = useRef<HTMLInputElement>(null);
  const budgetRef = useRef<HTMLInputElement>(null);
  const { error, invalid, pending, fail, send } = useFormRequest<Field>({
    name: nameRef,
    allowedOrigins: originsRef,
    model: modelRef,
    systemPrompt: systemRef,
    greeting: greetingRef,
    theme: themeRef,
    accentColor: accentRef,
    visitorRequestsPerMinute: rateRef,
    dailyTokenBudget: budgetRef,
  });
  const [model, setModel] = useState(embed?.model ?? models[0]?.id ?? "");
  const [theme, setTheme] = useState<EmbedSettingsInput["theme"]>(embed?.theme ?? "auto");
  const [accent, setAccent] = useState(embed?.accentColor ?? "#e8590c");
  // A model the admin has since disabled still shows, so the form says what the embed uses.
  const choices =
    model && !models.some((m) => m.id === model) ? [{ id: model, name: model }, ...models] : models;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const origins = parseOrigins(text("allowedOrigins"));
    if (origins.length === 0)
      return fail("allowedOrigins", "Allowed origins: add at least one, such as https://site.example");
    if (!model) return fail("model", "Model: choose the model that answers visitors.");
    const budget = text("dailyTokenBudget").trim();
    const input: EmbedSettingsInput = {
      name: text("name"),
      allowedOrigins: origins,
      model,
      systemPrompt: text("systemPrompt") || null,
      greeting: text("greeting") || null,
      theme,
      accentColor: accent,
      visitorRequestsPerMinute: Number(text("visitorRequestsPerMinute")),
      dailyTokenBudget: budget ? Number(budget) : null,
    };
    void send(
      () => onSubmit(input),
      () => undefined,
    );
  }

  const aria = (field: Field) => ({ "aria-invalid": invalid === field || undefined });

  return (
    <form noValidate onSubmit={submit} className="grid gap-5">
      <div className="grid gap-2">
        <Label htmlFor="embed-name">Name</Label>
        <Input
          id="embed-name"
          name="name"
          ref={nameRef}
          defaultValue={embed?.name}
          required
          maxLength={100}
          {...aria("name")}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="embed-origins">Allowed origins</Label>
        <Textarea
          id="embed-origins"
          name="allowedOrigins"
          ref={originsRef}
          rows={3}
          defaultValue={embed?.allowedOrigins.join("\n")}
          placeholder="https://www.example.com"
          aria-describedby="embed-origins-hint"
          {...aria("allowedOrigins")}
        />
        <p id="embed-origins-hint" className="text-xs text-muted-foreground">
          One per line, exactly as the browser shows it: scheme, host and port, no path and no wildcards
          (https://example.com and https://www.example.com are two origins). Only these sites can show the
          chat.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor="embed-model">Model</Label>
          <Select value={model} onValueChange={setModel}>
            <SelectTrigger id="embed-model" ref={modelRef} {...aria("model")}>
              <SelectValue placeholder={models.length ? "Choose a model" : "No models installed"} />
            </SelectTrigger>
            <SelectContent>
              {choices.map((m) => (
                <SelectItem key={m.id} value={m.id}>
                  {m.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="embed-theme">Theme</Label>
          <Select value={theme} onValueChange={(v) => setTheme(v as EmbedSettingsInput["theme"])}>
            <SelectTrigger id="embed-theme" ref={themeRef}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {THEMES.map((t) => (
                <SelectItem key={t.value} value={t.value}>
                  {t.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="embed-system">System prompt</Label>
        <Textarea
          id="embed-system"
          name="systemPrompt"
          ref={systemRef}
          rows={4}
          defaultValue={embed?.systemPrompt ?? ""}
          placeholder="You answer questions about our shop's opening hours and orders. Be brief and friendly."
          {...aria("systemPrompt")}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="embed-greeting">Greeting</Label>
        <Textarea
          id="embed-greeting"
          name="greeting"
          ref={greetingRef}
          rows={2}
          defaultValue={embed?.greeting ?? ""}
          placeholder="Hi! How can I help?"
          aria-describedby="embed-greeting-hint"
          {...aria("greeting")}
        />
        <p id="embed-greeting-hint" className="text-xs text-muted-foreground">
          Shown to each visitor first; the model does not see it.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="grid gap-2">
          <Label htmlFor="embed-accent">Accent colour</Label>
          <div className="flex items-center gap-2">
            <input
              type="color"
              aria-label="Pick the accent colour"
              value={accent}
              onChange={(e) => setAccent(e.target.value)}
              className="h-9 w-11 shrink-0 cursor-pointer rounded-md border bg-transparent p-1"
            />
            <Input
              id="embed-accent"
              ref={accentRef}
              value={accent}
              onChange={(e) => setAccent(e.target.value)}
              maxLength={7}
              {...aria("accentColor")}
            />
          </div>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="embed-rate">Messages per visitor per minute</Label>
          <Input
            id="embed-rate"
            name="visitorRequestsPerMinute"
            ref={rateRef}
            type="number"
            min={1}
            max={600}
            defaultValue={embed?.visitorRequestsPerMinute ?? 10}
            {...aria("visitorRequestsPerMinute")}
          />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="embed-budget">Daily token budget</Label>
          <Input
            id="embed-budget"
            name="dailyTokenBudget"
            ref={budgetRef}
            type="number"
            min={1}
            placeholder="No budget"
            defaultValue={embed?.dailyTokenBudget ?? ""}
            aria-describedby="embed-budget-hint"
            {...aria("dailyTokenBudget")}
          />
          <p id="embed-budget-hint" className="text-xs text-muted-foreground">
            For all visitors together, per UTC day. Empty: only your own limits apply.
          </p>
        </div>
      </div>
      <FormAlert message={error} />
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? <Spinner /> : null}
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
