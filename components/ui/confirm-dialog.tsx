"use client";
import { useRef, useState, type ReactNode } from "react";
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

/** What a confirmed action answers: nothing when done, or a sentence saying what went wrong. */
type Outcome = string | null | undefined | void;

/**
 * Asks before a destructive action on `item` (open while it is set). The
 * action runs on the red button: when it is done the dialog closes; when it
 * fails the dialog stays open with its message. The inside is mounted on each
 * opening, so no error or spinner is left from the last one.
 */
export function ConfirmDialog<T>({
  item,
  title,
  description,
  confirmLabel,
  onConfirm,
  onClose,
  onCloseAutoFocus,
}: {
  item: T | null;
  title: string;
  description: (item: T) => ReactNode;
  confirmLabel: string;
  onConfirm: (item: T) => Outcome | Promise<Outcome>;
  onClose: () => void;
  /** Where focus goes afterwards; `confirmed` says whether the action went through. */
  onCloseAutoFocus?: (confirmed: boolean, event: Event) => void;
}) {
  const confirmedRef = useRef(false);
  return (
    <AlertDialog open={item !== null} onOpenChange={(open) => !open && onClose()}>
      <AlertDialogContent
        onCloseAutoFocus={
          onCloseAutoFocus &&
          ((event) => {
            onCloseAutoFocus(confirmedRef.current, event);
            confirmedRef.current = false;
          })
        }
      >
        {item !== null ? (
          <Confirmation
            title={title}
            description={description(item)}
            confirmLabel={confirmLabel}
            onConfirm={() => onConfirm(item)}
            onDone={() => {
              confirmedRef.current = true;
              onClose();
            }}
          />
        ) : null}
      </AlertDialogContent>
    </AlertDialog>
  );
}

function Confirmation({
  title,
  description,
  confirmLabel,
  onConfirm,
  onDone,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => Outcome | Promise<Outcome>;
  onDone: () => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    const result = onConfirm();
    let failure: Outcome;
    if (result instanceof Promise) {
      // Only work that takes a while shows the spinner.
      setPending(true);
      setError(null);
      failure = await result;
    } else failure = result;
    if (!failure) return onDone();
    setError(failure);
    setPending(false);
  }

  return (
    <>
      <AlertDialogHeader>
        <AlertDialogTitle>{title}</AlertDialogTitle>
        <AlertDialogDescription className="break-words">{description}</AlertDialogDescription>
      </AlertDialogHeader>
      <FormAlert message={error} />
      <AlertDialogFooter>
        <AlertDialogCancel asChild>
          <Button variant="outline">Cancel</Button>
        </AlertDialogCancel>
        <Button
          variant="destructive"
          onClick={() => void confirm()}
          disabled={pending}
          aria-busy={pending || undefined}
        >
          {pending ? <Spinner /> : null}
          {confirmLabel}
        </Button>
      </AlertDialogFooter>
    </>
  );
}
