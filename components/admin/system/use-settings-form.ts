"use client";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, errorMessage } from "@/lib/client/api";
import { saveSettings } from "@/lib/client/admin-system";
import type { DescribedSettings, SettingKey, SettingValues } from "@/lib/shared/admin-system";

/** The settings the form edits (the default model is the models page's). */
export const FORM_KEYS = [
  "signUpPolicy",
  "defaultRole",
  "defaultSystemPrompt",
  "titleGeneration",
  "titleModel",
  "webhooksAllowPrivate",
  "rateLimitRequests",
  "rateLimitWindowMs",
  "rateLimitTokensPerDay",
] as const satisfies readonly SettingKey[];
export type FormKey = (typeof FORM_KEYS)[number];

/** What the inputs hold: numbers as typed, the window in seconds. */
export interface Draft {
  signUpPolicy: SettingValues["signUpPolicy"];
  defaultRole: SettingValues["defaultRole"];
  defaultSystemPrompt: string;
  titleGeneration: boolean;
  titleModel: string;
  webhooksAllowPrivate: boolean;
  rateLimitRequests: string;
  rateLimitWindowMs: string;
  rateLimitTokensPerDay: string;
}

function draftOf(s: DescribedSettings): Draft {
  return {
    signUpPolicy: s.signUpPolicy.value,
    defaultRole: s.defaultRole.value,
    defaultSystemPrompt: s.defaultSystemPrompt.value,
    titleGeneration: s.titleGeneration.value,
    titleModel: s.titleModel.value,
    webhooksAllowPrivate: s.webhooksAllowPrivate.value,
    rateLimitRequests: String(s.rateLimitRequests.value),
    rateLimitWindowMs: String(s.rateLimitWindowMs.value / 1000),
    rateLimitTokensPerDay: String(s.rateLimitTokensPerDay.value),
  };
}

const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

/** The draft as the API takes it, or the first field at fault and why. */
function parse(d: Draft): { values: Pick<SettingValues, FormKey> } | { field: FormKey; message: string } {
  const requests = whole(d.rateLimitRequests);
  if (!(requests >= 1)) return { field: "rateLimitRequests", message: "Enter a whole number, 1 or more." };
  const windowSeconds = whole(d.rateLimitWindowMs);
  if (!(windowSeconds >= 1 && windowSeconds <= 86_400))
    return {
      field: "rateLimitWindowMs",
      message: "Enter a whole number of seconds, from 1 to 86,400 (a day).",
    };
  const tokens = whole(d.rateLimitTokensPerDay);
  if (!(tokens >= 0))
    return { field: "rateLimitTokensPerDay", message: "Enter a whole number, 0 for no limit." };
  if (d.defaultSystemPrompt.length > 20_000)
    return { field: "defaultSystemPrompt", message: "At most 20,000 characters." };
  return {
    values: {
      signUpPolicy: d.signUpPolicy,
      defaultRole: d.defaultRole,
      defaultSystemPrompt: d.defaultSystemPrompt,
      titleGeneration: d.titleGeneration,
      titleModel: d.titleModel,
      webhooksAllowPrivate: d.webhooksAllowPrivate,
      rateLimitRequests: requests,
      rateLimitWindowMs: windowSeconds * 1000,
      rateLimitTokensPerDay: tokens,
    },
  };
}

/**
 * The settings form's state: the draft, which fields changed, errors by
 * field (the browser's checks first, then the server's), and saving only
 * what changed and is not fixed by the environment.
 */
export function useSettingsForm(initial: DescribedSettings) {
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [errors, setErrors] = useState<Partial<Record<FormKey, string>>>({});
  const [pending, setPending] = useState(false);

  const base = draftOf(saved);
  const changed = FORM_KEYS.filter((k) => draft[k] !== base[k] && saved[k].fixedBy === null);

  function set<K extends FormKey>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }

  /** Saves; returns the field to focus when something is refused. */
  async function save(): Promise<FormKey | null> {
    const parsed = parse(draft);
    if ("field" in parsed) {
      setErrors({ [parsed.field]: parsed.message });
      return parsed.field;
    }
    const patch = Object.fromEntries(changed.map((k) => [k, parsed.values[k]])) as Partial<SettingValues>;
    setPending(true);
    try {
      const next = await saveSettings(patch);
      setSaved(next);
      setDraft(draftOf(next));
      setErrors({});
      toast.success(changed.length === 1 ? "Setting saved" : "Settings saved");
      return null;
    } catch (err) {
      const param = err instanceof ApiError ? (err.param as FormKey | undefined) : undefined;
      if (param && (FORM_KEYS as readonly string[]).includes(param)) {
        setErrors({ [param]: errorMessage(err) });
        return param;
      }
      toast.error(`Could not save the settings. ${errorMessage(err)}`);
      return null;
    } finally {
      setPending(false);
    }
  }

  return {
    saved,
    draft,
    errors,
    pending,
    changed,
    set,
    save,
    discard: () => {
      setDraft(draftOf(saved));
      setErrors({});
    },
  };
}
