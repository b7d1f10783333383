"use client";
import { memo, type ReactElement, useMemo } from "react";
import markdownToElements, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import { lazyModule } from "@/components/hooks/lazy-module";
import { cn } from "@/lib/utils/cn";
import { CodeBlock } from "./code-block";

type Node = NonNullable<ExtraProps["node"]>;

/** The text inside a syntax-tree node. */
function textOf(node: Node | Node["children"][number]): string {
  if (node.type === "text") return node.value;
  if ("children" in node) return node.children.map((child) => textOf(child as Node)).join("");
  return "";
}

/** `<pre><code class="language-ts">` → "ts"; null when the fence named no language. */
function languageOf(code: Node): string | null {
  const className = code.properties.className;
  const classes = Array.isArray(className) ? className.map(String) : [];
  const language = classes.find((name) => name.startsWith("language-"));
  return language ? language.slice("language-".length) : null;
}

const components: Components = {
  p: ({ node: _node, className, ...props }) => (
    <p className={cn("my-3 leading-7 first:mt-0 last:mb-0", className)} {...props} />
  ),
  h1: ({ node: _node, ...props }) => (
    <h1 className="mt-6 mb-3 text-2xl font-semibold tracking-tight first:mt-0" {...props} />
  ),
  h2: ({ node: _node, ...props }) => (
    <h2 className="mt-6 mb-3 text-xl font-semibold tracking-tight first:mt-0" {...props} />
  ),
  h3: ({ node: _node, ...props }) => <h3 className="mt-5 mb-2 text-lg font-semibold first:mt-0" {...props} />,
  h4: ({ node: _node, ...props }) => <h4 className="mt-4 mb-2 font-semibold first:mt-0" {...props} />,
  ul: ({ node: _node, className, ...props }) => (
    <ul
      className={cn(
        "my-3 list-disc space-y-1.5 pl-6 first:mt-0 last:mb-0 [&_ol]:my-1.5 [&_ul]:my-1.5",
        className?.includes("contains-task-list") && "list-none pl-1",
        className,
      )}
      {...props}
    />
  ),
  ol: ({ node: _node, ...props }) => (
    <ol
      className="my-3 list-decimal space-y-1.5 pl-6 first:mt-0 last:mb-0 [&_ol]:my-1.5 [&_ul]:my-1.5"
      {...props}
    />
  ),
  li: ({ node: _node, ...props }) => (
    <li className="pl-1 leading-7 marker:text-muted-foreground" {...props} />
  ),
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-4 border-l-2 border-border pl-4 text-muted-foreground" {...props} />
  ),
  hr: ({ node: _node, ...props }) => <hr className="my-6 border-border" {...props} />,
  a: ({ node: _node, href, ...props }) => {
    const inPage = href?.startsWith("#");
    return (
      <a
        href={href}
        // Links in answers leave Hearth in a new tab, and tell the other site nothing.
        {...(inPage ? {} : { target: "_blank", rel: "noopener noreferrer" })}
        className="font-medium underline decoration-foreground/30 underline-offset-4 transition-colors hover:decoration-foreground"
        {...props}
      />
    );
  },
  // An image in an answer would be fetched from wherever the model pointed: show the link instead.
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a
        href={src}
        target="_blank"
        rel="noopener noreferrer"
        className="font-medium underline decoration-foreground/30 underline-offset-4 hover:decoration-foreground"
      >
        {alt || "Image"}
      </a>
    ) : null,
  strong: ({ node: _node, ...props }) => <strong className="font-semibold" {...props} />,
  code: ({ node: _node, className, ...props }) => (
    <code
      className={cn("rounded-md bg-secondary px-1.5 py-0.5 font-mono text-[0.875em] font-medium", className)}
      {...props}
    />
  ),
  pre: ({ node }) => {
    const code = node?.children.find((child) => child.type === "element" && child.tagName === "code");
    if (!code || code.type !== "element") return null;
    return <CodeBlock code={textOf(code).replace(/\n$/, "")} language={languageOf(code)} />;
  },
  table: ({ node: _node, ...props }) => (
    <div className="my-4 overflow-x-auto rounded-lg border first:mt-0 last:mb-0">
      <table className="w-full border-collapse text-sm" {...props} />
    </div>
  ),
  thead: ({ node: _node, ...props }) => <thead className="bg-secondary/60" {...props} />,
  th: ({ node: _node, style, ...props }) => (
    <th
      className="border-b px-3 py-2 text-left font-semibold whitespace-nowrap [&:not(:last-child)]:border-r"
      style={style}
      {...props}
    />
  ),
  td: ({ node: _node, style, ...props }) => (
    <td
      className="border-b px-3 py-2 align-top [&:not(:last-child)]:border-r [tr:last-child>&]:border-b-0"
      style={style}
      {...props}
    />
  ),
};

const remarkPlugins = [remarkGfm];

type MathPlugins = typeof import("./math-plugins");
/** The math plugins, loaded for the first message with a dollar sign, then shared by every message. */
const useMathPlugins = lazyModule(() => import("./math-plugins"));

/** How many finished messages keep their rendered tree: a few screens' worth of a long chat, and more. */
const CACHE_SIZE = 300;
const finishedTrees = new Map<string, ReactElement>();

/**
 * Markdown → React elements. A finished message's tree is kept (the most
 * recent CACHE_SIZE), so a message the virtual list shows again, or that
 * re-renders for any other reason, is not parsed again. A streaming message is
 * parsed per frame and not kept.
 */
function renderMarkdown(text: string, math: MathPlugins | undefined, final: boolean): ReactElement {
  const key = `${math ? "math" : "plain"}\u0000${text}`;
  const kept = final ? finishedTrees.get(key) : undefined;
  if (kept) {
    // Most recently used last, so the oldest goes first when the cache is full.
    finishedTrees.delete(key);
    finishedTrees.set(key, kept);
    return kept;
  }
  const tree = markdownToElements({
    children: math ? math.escapeMoney(text) : text,
    remarkPlugins: math?.mathRemarkPlugins ?? remarkPlugins,
    rehypePlugins: math?.mathRehypePlugins,
    components,
  });
  if (final) {
    finishedTrees.set(key, tree);
    if (finishedTrees.size > CACHE_SIZE) finishedTrees.delete(finishedTrees.keys().next().value!);
  }
  return tree;
}

/**
 * An answer's Markdown, GitHub flavoured, with TeX math between dollar signs
 * (money such as "$5" stays text). Raw HTML is not rendered (no rehype-raw),
 * and react-markdown drops javascript: and similar URLs. `final` says the text
 * will not change (the answer is complete), so its rendering can be reused.
 */
export const Markdown = memo(function Markdown({
  text,
  className,
  final = false,
}: {
  text: string;
  className?: string;
  final?: boolean;
}) {
  const math = useMathPlugins(text.includes("$"));
  const tree = useMemo(() => renderMarkdown(text, math, final), [text, math, final]);
  return (
    <div
      data-slot="markdown"
      className={cn(
        "min-w-0 text-base break-words",
        "[&_.katex-display]:overflow-x-auto [&_.katex-display]:overflow-y-hidden [&_.katex-display]:py-1",
        className,
      )}
    >
      {tree}
    </div>
  );
});
