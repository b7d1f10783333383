/**
 * TeX math in answers: `$...$` inline and `$$...$$` as a block, typeset by
 * KaTeX into elements (never parsed from user HTML). Loaded only for messages
 * with a dollar sign, since KaTeX and its stylesheet are most of a chat's weight.
 */
import "katex/dist/katex.min.css";
import type { KatexOptions } from "katex";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import type { Options } from "react-markdown";

type PluggableList = NonNullable<Options["remarkPlugins"]>;

export const KATEX_OPTIONS: KatexOptions = {
  // No \href, \url, \htmlData, \htmlClass...: with trust off they show as red text.
  trust: false,
  // A model's TeX is often a little off: show what KaTeX could not read instead of failing.
  throwOnError: false,
  // KaTeX's red (#cc0000) is 2.8:1 on the dark background: a colour per theme (globals.css).
  errorColor: "var(--math-error)",
  strict: "ignore",
  // Bounds on what one formula may cost: macro expansions and the size of boxes (in em).
  maxExpand: 200,
  maxSize: 20,
};

export const mathRemarkPlugins: PluggableList = [remarkGfm, remarkMath];
export const mathRehypePlugins: PluggableList = [[rehypeKatex, KATEX_OPTIONS]];

/* Code keeps its dollars: fenced blocks (to their closing fence, or the end while one streams) and inline spans. */
const CODE = /(```[\s\S]*?(?:```|$(?![\s\S]))|~~~[\s\S]*?(?:~~~|$(?![\s\S]))|`[^`\n]*`)/;
/* A dollar that starts an amount ("$5", "$1,200.50", "$3k") and is not a formula: the number ends at a space or punctuation. */
const AMOUNT = /(^|[^\\$\w])\$(?=\d[\d,.]*(?:[kKmMbB]n?)?(?:\s|$|[,.;:!?)\]]))/gm;

/**
 * Escapes the dollar signs of money, so "$5 and $10" stays text instead of
 * becoming a formula " 5 and " (remark-math pairs any two single dollars).
 * "$2^n$" and "$x$" still typeset: their dollar is not followed by a plain number.
 */
export function escapeMoney(markdown: string): string {
  return markdown
    .split(CODE)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(AMOUNT, "$1\\$")))
    .join("");
}
