/** TeX in Markdown becomes KaTeX's markup, and TeX that asks for links, HTML or huge work stays inert. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import { describe, expect, it } from "vitest";
import { escapeMoney, mathRehypePlugins, mathRemarkPlugins } from "@/components/chat/math-plugins";

function render(text: string): string {
  return renderToStaticMarkup(
    createElement(
      ReactMarkdown,
      { remarkPlugins: mathRemarkPlugins, rehypePlugins: mathRehypePlugins },
      escapeMoney(text),
    ),
  );
}

describe("math in Markdown", () => {
  it("typesets $inline$ and $$display$$ math, with MathML for screen readers", () => {
    const html = render("Euler: $e^{i\\pi} + 1 = 0$\n\n$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain("<math");
    expect(html).not.toContain("$");
  });

  it("keeps GitHub tables and the rest of Markdown working beside math", () => {
    const html = render("| a | b |\n| - | - |\n| $x$ | 2 |");
    expect(html).toContain("<table>");
    expect(html).toContain('class="katex"');
  });

  it("does not trust the TeX: no links, no HTML attributes, no raw HTML, no runaway macros", () => {
    const html = render(
      [
        "$\\href{javascript:alert(1)}{click}$",
        "$\\url{javascript:alert(2)}$",
        "$\\htmlData{foo=bar}{x}$ $\\htmlClass{evil}{x}$ $\\htmlId{evil}{x}$ $\\htmlStyle{color:red}{x}$",
        "$\\includegraphics{https://evil.example/pixel.png}$",
        "$<img src=x onerror=alert(3)>$",
        "$\\def\\a{\\a\\a}\\a$",
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<a\b/);
    expect(html).not.toMatch(/href=/);
    expect(html).not.toMatch(/<img\b/);
    // The TeX itself is kept as text (escaped, in the MathML annotation), never as attributes.
    expect(html).not.toMatch(/<[^>]*\s(?:data-foo|onerror)=|class="evil"|id="evil"|style="color:red"/);
    // Each refused command is shown as an error, in the error colour, not silently run.
    expect(html.match(/katex-error|var\(--math-error\)/g)?.length).toBeGreaterThanOrEqual(5);
  });

  it("leaves money as text: two prices in a sentence are not a formula, and formulas beside them still are", () => {
    const prices = render("It costs $5 and the deluxe one $10.");
    expect(prices).not.toContain("katex");
    expect(prices).toContain("It costs $5 and the deluxe one $10.");
    expect(render("Budget: $1,200.50 per month, or $3k a quarter (about $40).")).not.toContain("katex");
    const mixed = render("Pay $20 now; the growth is $2^n$ and $x + 1$.");
    expect(mixed.match(/class="katex"/g)).toHaveLength(2);
    expect(mixed).toContain("Pay $20 now;");
  });

  it("keeps dollars in code as they are", () => {
    const html = render("Run `echo $5 $10` then:\n\n```sh\nprice=$5\necho $price $10\n```");
    expect(html).toContain("echo $5 $10");
    expect(html).toContain("price=$5");
    expect(html).not.toContain("\\$");
    expect(html).not.toContain("katex");
  });
});
