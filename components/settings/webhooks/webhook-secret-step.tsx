"use client";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { copyText } from "@/lib/client/copy-text";

/** The signing secret, shown this once, with a copy button. */
export function WebhookSecretStep({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const fieldId = useId();

  async function copy() {
    if (await copyText(secret)) {
      setCopied(true);
      toast.success("Signing secret copied");
      return;
    }
    fieldRef.current?.select();
    toast.error("Could not copy the secret. It is selected: copy it yourself.");
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Save the signing secret</DialogTitle>
        <DialogDescription>
          Your receiver uses it to check that events really come from Hearth (the Standard Webhooks signature
          in the <code className="font-mono text-xs">webhook-signature</code> header).
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor={fieldId}>Signing secret</Label>
        <div className="flex items-start gap-2">
          <textarea
            ref={fieldRef}
            id={fieldId}
            readOnly
            value={secret}
            rows={1}
            spellCheck={false}
            data-testid="webhook-secret"
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
        <span>You won&apos;t be able to see this secret again. You can make a new one later.</span>
      </p>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </>
  );
}
