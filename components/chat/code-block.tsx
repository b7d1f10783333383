"use client";
import { Check, Copy } from "lucide-react";
import { useTheme } from "next-themes";
import { lazyModule } from "@/components/hooks/lazy-module";
import { useCopyFeedback } from "@/components/hooks/use-copy-feedback";
import { cn } from "@/lib/utils/cn";

const CODE_STYLE: React.CSSProperties = {
  margin: 0,
  padding: "0.875rem 1rem 1rem",
  background: "transparent",
  fontSize: "0.8125rem",
  lineHeight: 1.6,
};

const useHighlighter = lazyModule(() => import("./highlighter"));

/**
 * A fenced code block: language label, Copy button and highlighting in the
 * theme's colours. Until the highlighter has loaded (and on the server, which
 * does not know the theme) the code shows plain, in the same place and size.
 */
export function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const highlighter = useHighlighter();
  const { resolvedTheme } = useTheme();

  return (
    <div className="not-first:mt-4 not-last:mb-4 overflow-hidden rounded-xl border bg-secondary/50 dark:bg-[#21242b]">
      <div className="flex h-9 items-center justify-between gap-2 border-b bg-secondary/70 pr-1.5 pl-3.5 dark:bg-white/[0.04]">
        <span className="font-mono text-xs text-muted-foreground">{language ?? "text"}</span>
        <CopyCodeButton code={code} />
      </div>
      {highlighter ? (
        <highlighter.HighlightedCode
          code={code}
          language={language ?? "text"}
          dark={resolvedTheme === "dark"}
          style={CODE_STYLE}
        />
      ) : (
        <pre style={CODE_STYLE} className="overflow-x-auto" tabIndex={0}>
          <code className="font-mono">{code}</code>
        </pre>
      )}
    </div>
  );
}

function CopyCodeButton({ code }: { code: string }) {
  const { copied, copy } = useCopyFeedback("Could not copy. Select the code and copy it by hand.");

  return (
    <button
      type="button"
      onClick={() => void copy(code)}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-muted-foreground transition-colors outline-none",
        "hover:bg-background/60 hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60",
      )}
    >
      {copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
      {copied ? "Copied" : "Copy"}
      {copied ? null : <span className="sr-only"> code</span>}
    </button>
  );
}
