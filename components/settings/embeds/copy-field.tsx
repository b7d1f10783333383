"use client";
import { Check, Copy } from "lucide-react";
import { useCopyFeedback } from "@/components/hooks/use-copy-feedback";
import { Button } from "@/components/ui/button";

/** Text to copy (a key, a snippet), shown as code, with its Copy button. */
export function CopyField({
  label,
  text,
  multiline = false,
}: {
  label: string;
  text: string;
  multiline?: boolean;
}) {
  const { copied, copy } = useCopyFeedback("Could not copy. Select the text and copy it by hand.");
  return (
    <div className="flex items-start gap-2">
      <pre
        aria-label={label}
        className={
          multiline
            ? "min-w-0 flex-1 overflow-x-auto rounded-lg border bg-muted px-3 py-2 font-mono text-xs leading-5 whitespace-pre-wrap break-all"
            : "min-w-0 flex-1 overflow-x-auto rounded-lg border bg-muted px-3 py-2 font-mono text-xs leading-5"
        }
      >
        {text}
      </pre>
      <Button type="button" variant="outline" size="sm" onClick={() => void copy(text)}>
        {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
        {copied ? "Copied" : "Copy"}
        <span className="sr-only"> {label}</span>
      </Button>
    </div>
  );
}
