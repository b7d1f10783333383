"use client";
import { Check, Copy } from "lucide-react";
import { useTheme } from "next-themes";
import { useEffect, useState } from "react";
import SyntaxHighlighter from "react-syntax-highlighter/dist/esm/prism-light";
import bash from "react-syntax-highlighter/dist/esm/languages/prism/bash";
import c from "react-syntax-highlighter/dist/esm/languages/prism/c";
import cpp from "react-syntax-highlighter/dist/esm/languages/prism/cpp";
import csharp from "react-syntax-highlighter/dist/esm/languages/prism/csharp";
import css from "react-syntax-highlighter/dist/esm/languages/prism/css";
import diff from "react-syntax-highlighter/dist/esm/languages/prism/diff";
import docker from "react-syntax-highlighter/dist/esm/languages/prism/docker";
import go from "react-syntax-highlighter/dist/esm/languages/prism/go";
import graphql from "react-syntax-highlighter/dist/esm/languages/prism/graphql";
import ini from "react-syntax-highlighter/dist/esm/languages/prism/ini";
import java from "react-syntax-highlighter/dist/esm/languages/prism/java";
import javascript from "react-syntax-highlighter/dist/esm/languages/prism/javascript";
import json from "react-syntax-highlighter/dist/esm/languages/prism/json";
import jsx from "react-syntax-highlighter/dist/esm/languages/prism/jsx";
import kotlin from "react-syntax-highlighter/dist/esm/languages/prism/kotlin";
import lua from "react-syntax-highlighter/dist/esm/languages/prism/lua";
import makefile from "react-syntax-highlighter/dist/esm/languages/prism/makefile";
import markdown from "react-syntax-highlighter/dist/esm/languages/prism/markdown";
import markup from "react-syntax-highlighter/dist/esm/languages/prism/markup";
import php from "react-syntax-highlighter/dist/esm/languages/prism/php";
import powershell from "react-syntax-highlighter/dist/esm/languages/prism/powershell";
import python from "react-syntax-highlighter/dist/esm/languages/prism/python";
import ruby from "react-syntax-highlighter/dist/esm/languages/prism/ruby";
import rust from "react-syntax-highlighter/dist/esm/languages/prism/rust";
import scss from "react-syntax-highlighter/dist/esm/languages/prism/scss";
import sql from "react-syntax-highlighter/dist/esm/languages/prism/sql";
import swift from "react-syntax-highlighter/dist/esm/languages/prism/swift";
import toml from "react-syntax-highlighter/dist/esm/languages/prism/toml";
import tsx from "react-syntax-highlighter/dist/esm/languages/prism/tsx";
import typescript from "react-syntax-highlighter/dist/esm/languages/prism/typescript";
import yaml from "react-syntax-highlighter/dist/esm/languages/prism/yaml";
import { oneDark, oneLight } from "react-syntax-highlighter/dist/esm/styles/prism";
import { toast } from "sonner";
import { useMounted } from "@/components/hooks/use-mounted";
import { copyText } from "@/components/settings/copy-text";
import { cn } from "@/lib/utils/cn";

// The light build with the languages people ask about most; the full Prism build is
// several hundred kilobytes. Anything else is shown as plain text. Each language
// brings its aliases (ts, py, sh, html, yml...).
for (const language of [
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  docker,
  go,
  graphql,
  ini,
  java,
  javascript,
  json,
  jsx,
  kotlin,
  lua,
  makefile,
  markdown,
  markup,
  php,
  powershell,
  python,
  ruby,
  rust,
  scss,
  sql,
  swift,
  toml,
  tsx,
  typescript,
  yaml,
]) {
  SyntaxHighlighter.registerLanguage("", language);
}

const CODE_STYLE: React.CSSProperties = {
  margin: 0,
  padding: "0.875rem 1rem 1rem",
  background: "transparent",
  fontSize: "0.8125rem",
  lineHeight: 1.6,
};

/**
 * A fenced code block: language label, Copy button and highlighting in the
 * theme's colours. Highlighting waits for the browser, which alone knows the
 * theme; until then the code shows plain, in the same place and size.
 */
export function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const mounted = useMounted();
  const { resolvedTheme } = useTheme();
  const style = resolvedTheme === "dark" ? oneDark : oneLight;

  return (
    <div className="not-first:mt-4 not-last:mb-4 overflow-hidden rounded-xl border bg-secondary/50 dark:bg-[#21242b]">
      <div className="flex h-9 items-center justify-between gap-2 border-b bg-secondary/70 pr-1.5 pl-3.5 dark:bg-white/[0.04]">
        <span className="font-mono text-xs text-muted-foreground">{language ?? "text"}</span>
        <CopyCodeButton code={code} />
      </div>
      {mounted ? (
        <SyntaxHighlighter
          language={language ?? "text"}
          style={style}
          customStyle={CODE_STYLE}
          codeTagProps={{
            style: {
              ...style['code[class*="language-"]'],
              background: "transparent",
              fontFamily: "var(--font-mono, ui-monospace, SFMono-Regular, Menlo, monospace)",
              textShadow: "none",
            },
          }}
        >
          {code}
        </SyntaxHighlighter>
      ) : (
        <pre style={CODE_STYLE} className="overflow-x-auto">
          <code className="font-mono">{code}</code>
        </pre>
      )}
    </div>
  );
}

function CopyCodeButton({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <button
      type="button"
      onClick={async () => {
        if (await copyText(code)) setCopied(true);
        else toast.error("Could not copy. Select the code and copy it by hand.");
      }}
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
