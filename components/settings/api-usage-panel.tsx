"use client";
import { Check, Copy } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { copyText } from "@/lib/client/copy-text";

const noSubscription = () => () => {};

/** This server's address as the browser sees it (behind a proxy, the server may not know it); null on the server. */
function useOrigin(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => null,
  );
}

/** Where to point an OpenAI client, and a one-line check that a key works. */
export function ApiUsagePanel() {
  const origin = useOrigin();
  const baseUrl = origin ? `${origin}/v1` : null;

  return (
    <section aria-labelledby="use-api-heading" className="grid gap-4 rounded-xl border bg-card p-4 sm:p-5">
      <div className="grid gap-1">
        <h2 id="use-api-heading" className="text-base font-semibold">
          Use it
        </h2>
        <p className="text-sm text-muted-foreground">
          Hearth speaks the OpenAI API: point any OpenAI SDK or tool at this base URL and send your key as a
          Bearer token.
        </p>
      </div>

      <div className="grid gap-1.5">
        <span className="text-xs font-medium text-muted-foreground">Base URL</span>
        <div className="flex h-10 items-center gap-2 rounded-lg border bg-muted/50 pr-1 pl-3">
          <code className="min-w-0 flex-1 truncate font-mono text-[13px]">{baseUrl ?? "\u00a0"}</code>
          {baseUrl ? <CopyButton text={baseUrl} label="Copy base URL" toastText="Base URL copied" /> : null}
        </div>
      </div>

      <div className="grid gap-1.5">
        <span className="text-xs font-medium text-muted-foreground">Try it</span>
        {/* Focusable: a keyboard can scroll the command sideways on a narrow screen. */}
        <pre
          tabIndex={0}
          className="overflow-x-auto rounded-lg border bg-muted/50 px-3 py-2.5 font-mono text-[12.5px] leading-5"
        >
          <code>{`curl ${baseUrl ?? "/v1"}/models \\\n  -H "Authorization: Bearer $HEARTH_API_KEY"`}</code>
        </pre>
      </div>
    </section>
  );
}

function CopyButton({ text, label, toastText }: { text: string; label: string; toastText: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      className="size-8 text-muted-foreground"
      onClick={async () => {
        if (await copyText(text)) {
          setCopied(true);
          toast.success(toastText);
          setTimeout(() => setCopied(false), 2000);
        } else {
          toast.error("Could not copy. Select the text and copy it yourself.");
        }
      }}
    >
      {copied ? <Check /> : <Copy />}
    </Button>
  );
}
