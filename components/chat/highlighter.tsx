"use client";
import SyntaxHighlighter from "react-syntax-highlighter/dist/esm/prism-light";
import { readableCodeTheme } from "./readable-code-theme";
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

// The code block's backgrounds (code-block.tsx): near-white, and #21242b in dark.
const READABLE_LIGHT = readableCodeTheme(oneLight, [250, 250, 250]);
const READABLE_DARK = readableCodeTheme(oneDark, [0x21, 0x24, 0x2b]);

/**
 * Code highlighted by Prism in the theme's colours. Its own module, loaded
 * when the first code block is shown, to keep Prism out of the page's first download.
 */
export function HighlightedCode({
  code,
  language,
  dark,
  style: blockStyle,
}: {
  code: string;
  language: string;
  dark: boolean;
  style: React.CSSProperties;
}) {
  const style = dark ? READABLE_DARK : READABLE_LIGHT;
  return (
    <SyntaxHighlighter
      language={language}
      style={style}
      customStyle={blockStyle}
      // A block wider than its box scrolls: focusable, so the keyboard can scroll it too.
      tabIndex={0}
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
  );
}
