type PrismTheme = Record<string, React.CSSProperties>;

/**
 * The Prism theme with every `hsl()` text colour moved just far enough in
 * lightness (same hue and saturation) to read at 4.5:1 on `background`, as
 * WCAG AA asks: One Light's strings, numbers and comments are 2.5–4:1 on
 * the code block's near-white.
 */
export function readableCodeTheme(theme: PrismTheme, background: [number, number, number]): PrismTheme {
  const backgroundLuminance = luminance(background);
  const darken = backgroundLuminance > 0.5;
  const out: PrismTheme = {};
  for (const [selector, style] of Object.entries(theme)) {
    const hsl = typeof style.color === "string" ? parseHsl(style.color) : null;
    if (!hsl) {
      out[selector] = style;
      continue;
    }
    const [h, s] = hsl;
    let l = hsl[2];
    while (contrast(luminance(hslToRgb(h, s, l)), backgroundLuminance) < MIN_CONTRAST && l > 0 && l < 100)
      l += darken ? -1 : 1;
    out[selector] = { ...style, color: `hsl(${h}, ${s}%, ${l}%)` };
  }
  return out;
}

// A little above 4.5, so rounding in the browser never tips it under.
const MIN_CONTRAST = 4.6;

function parseHsl(color: string): [number, number, number] | null {
  const m = /^hsl\(\s*([\d.]+),\s*([\d.]+)%,\s*([\d.]+)%\s*\)$/.exec(color);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/** WCAG relative luminance of an sRGB colour given as 0–255 channels. */
function luminance([r, g, b]: [number, number, number]): number {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
