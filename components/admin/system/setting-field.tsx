"use client";
import { Lock } from "lucide-react";
import { Label } from "@/components/ui/label";

/** What a control needs to be named, described and marked by its field. */
export interface ControlProps {
  id: string;
  disabled: boolean;
  "aria-describedby": string;
  "aria-invalid": true | undefined;
}

/**
 * One setting: its label, a line on what it does, the control, and either
 * the variable that fixes it (the control then read-only) or its error.
 */
export function SettingField({
  id,
  label,
  hint,
  fixedBy,
  error,
  asGroup = false,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  fixedBy: string | null;
  error?: string;
  /** A group of controls (radio buttons): a fieldset with a legend instead of a label. */
  asGroup?: boolean;
  children: (control: ControlProps) => React.ReactNode;
}) {
  const describedBy = [
    hint ? `${id}-hint` : null,
    fixedBy ? `${id}-fixed` : null,
    error ? `${id}-error` : null,
  ]
    .filter(Boolean)
    .join(" ");
  const control: ControlProps = {
    id,
    disabled: fixedBy !== null,
    "aria-describedby": describedBy,
    "aria-invalid": error ? true : undefined,
  };
  const notes = (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {fixedBy ? (
        <p id={`${id}-fixed`} className="text-xs text-muted-foreground">
          <Lock aria-hidden className="mr-1 inline size-3.5 align-[-2px]" />
          <span className="font-medium">
            Set by <code className="rounded bg-muted px-1 py-0.5 font-mono text-[11px]">{fixedBy}</code>
          </span>
          : change it in the environment and restart Hearth.
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </>
  );
  if (asGroup) {
    return (
      <fieldset
        className="grid gap-2"
        disabled={fixedBy !== null}
        aria-describedby={describedBy || undefined}
      >
        <legend className="mb-2 text-sm font-medium">{label}</legend>
        {children(control)}
        {notes}
      </fieldset>
    );
  }
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children(control)}
      {notes}
    </div>
  );
}
