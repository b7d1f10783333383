"use client";
import { Download, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-parts";
import { refreshChats } from "@/components/shell/chat-list-store";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { api, errorMessage } from "@/lib/client/api";

/** The server's limit (app/api/chats/import/route.ts). */
const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** The Data page: every chat as a download, and chats brought in from a Hearth or ChatGPT export. */
export function DataManager() {
  return (
    <div className="grid gap-10">
      <ExportSection />
      <ImportSection />
    </div>
  );
}

const downloadLinkClassName =
  "inline-flex h-9 items-center gap-2 rounded-lg border bg-background px-3 text-sm font-medium shadow-xs transition-colors outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60 dark:bg-input/20 dark:hover:bg-input/40";

function ExportSection() {
  return (
    <section aria-labelledby="export-heading" className="grid gap-4">
      <div className="grid max-w-xl gap-1.5">
        <h2 id="export-heading" className="text-lg font-semibold">
          Export all chats
        </h2>
        <p className="text-sm text-muted-foreground">
          Download every chat you have. JSON keeps everything, branches included, and can be imported again;
          CSV has one row per message, for spreadsheets.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        {/* Plain links: the browser downloads the file itself, with the server's file name. */}
        <a href="/api/chats/export?format=json" download className={downloadLinkClassName}>
          <Download aria-hidden className="size-4" />
          Export as JSON
        </a>
        <a href="/api/chats/export?format=csv" download className={downloadLinkClassName}>
          <Download aria-hidden className="size-4" />
          Export as CSV
        </a>
      </div>
    </section>
  );
}

function ImportSection() {
  const router = useRouter();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);

  async function importFile(file: File) {
    setError(null);
    setResult(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setError("The file is larger than 100 MB, the most Hearth imports at once.");
      return;
    }
    setPending(true);
    try {
      const { imported } = await api<{ imported: number }>("/api/chats/import", {
        method: "POST",
        jsonText: await file.text(),
      });
      const message = `Imported ${imported} ${imported === 1 ? "chat" : "chats"}`;
      setResult(message);
      toast.success(message);
      void refreshChats();
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
    setPending(false);
    // The same file can be chosen again.
    if (inputRef.current) inputRef.current.value = "";
  }

  return (
    <section aria-labelledby="import-heading" className="grid gap-4">
      <div className="grid max-w-xl gap-1.5">
        <h2 id="import-heading" className="text-lg font-semibold">
          Import chats
        </h2>
        <p id={`${inputId}-hint`} className="text-sm text-muted-foreground">
          Choose a Hearth JSON export, or the{" "}
          <code className="font-mono text-[13px]">conversations.json</code> from a ChatGPT data export. The
          chats are added to the ones you have.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".json,application/json"
          aria-describedby={`${inputId}-hint`}
          className="peer sr-only"
          disabled={pending}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importFile(file);
          }}
        />
        {/* The label is the visible control; the hidden input keeps focus, so the ring follows it. */}
        <Button variant="outline" asChild>
          <label
            htmlFor={inputId}
            aria-busy={pending || undefined}
            className="cursor-pointer peer-focus-visible:ring-[3px] peer-focus-visible:ring-ring/60 peer-disabled:pointer-events-none peer-disabled:opacity-70"
          >
            {pending ? <Spinner /> : <Upload aria-hidden />}
            {pending ? "Importing…" : "Choose a file to import"}
          </label>
        </Button>
      </div>
      <div aria-live="polite">{result ? <p className="text-sm font-medium">{result}</p> : null}</div>
      <FormAlert message={error} />
    </section>
  );
}
