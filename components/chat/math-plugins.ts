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
  strict: "ignore",
  // Bounds on what one formula may cost: macro expansions and the size of boxes (in em).
  maxExpand: 200,
  maxSize: 20,
};

export const mathRemarkPlugins: PluggableList = [remarkGfm, remarkMath];
export const mathRehypePlugins: PluggableList = [[rehypeKatex, KATEX_OPTIONS]];
