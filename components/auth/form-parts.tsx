"use client";
import { CircleAlert } from "lucide-react";
import { useMounted } from "@/components/hooks/use-mounted";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";

/** A labelled input with an optional hint underneath, bound by id. */
export function FormField({
  id,
  label,
  hint,
  invalid = false,
  ...inputProps
}: Omit<React.ComponentProps<typeof Input>, "id" | "aria-invalid" | "aria-describedby"> & {
  id: string;
  label: string;
  hint?: string;
  invalid?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} aria-invalid={invalid || undefined} aria-describedby={hintId} {...inputProps} />
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The form's one error message, announced when it appears. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-lg border border-destructive/30 bg-destructive/10 px-3 py-2.5 text-sm text-destructive"
    >
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{message}</span>
    </div>
  );
}

/**
 * Disabled until hydrated: a form submitted before its handler is attached
 * would post the password to the page itself instead of to Better Auth.
 */
export function SubmitButton({ pending, children }: { pending: boolean; children: React.ReactNode }) {
  const mounted = useMounted();
  return (
    <Button
      type="submit"
      size="lg"
      className="w-full"
      disabled={pending || !mounted}
      aria-busy={pending || undefined}
    >
      {pending ? <Spinner /> : null}
      {children}
    </Button>
  );
}
