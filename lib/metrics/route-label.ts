// No `import "server-only"`: the HTTP server (lib/server, outside Next) labels every request.
import fs from "node:fs";
import path from "node:path";

/**
 * Turns a request path into the route pattern that answers it ("/c/[chatId]",
 * "/api/v1/models/[id]"), so metrics have one series per route rather than
 * one per URL: a scanner trying a thousand paths adds no series. The patterns
 * come from the production build's route manifest, or from the app/ folder
 * when there is no build (dev, tests).
 */
export interface RouteLabeler {
  (path: string): string;
}

/** Every path no route answers (404s, probes). */
export const UNMATCHED = "unmatched";

interface DynamicRoute {
  regex: RegExp;
  label: string;
  /** Lower sorts first: fewer dynamic segments, catch-alls last. */
  rank: number;
}

export function createRouteLabeler(patterns: Iterable<string>): RouteLabeler {
  const fixed = new Set<string>();
  const dynamic: DynamicRoute[] = [];
  for (const pattern of patterns) {
    if (!pattern.includes("[")) {
      fixed.add(pattern);
      continue;
    }
    let rank = 0;
    const body = pattern
      .split("/")
      .map((segment) => {
        const optionalCatchAll = /^\[\[\.\.\.[^\]]+\]\]$/.test(segment);
        const catchAll = /^\[\.\.\.[^\]]+\]$/.test(segment);
        if (optionalCatchAll || catchAll) {
          rank += 100;
          return optionalCatchAll ? "(?:/.*)?" : "/.+";
        }
        if (/^\[[^\]]+\]$/.test(segment)) {
          rank += 1;
          return "/[^/]+";
        }
        return segment ? `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}` : "";
      })
      .join("");
    dynamic.push({ regex: new RegExp(`^${body}$`), label: pattern, rank });
  }
  dynamic.sort((a, b) => a.rank - b.rank);

  return (raw) => {
    const p = raw.length > 1 && raw.endsWith("/") ? raw.slice(0, -1) : raw;
    if (fixed.has(p)) return p;
    if (p.startsWith("/_next/")) return p.startsWith("/_next/static/") ? "/_next/static" : "/_next";
    for (const route of dynamic) if (route.regex.test(p)) return route.label;
    return UNMATCHED;
  };
}

/** The URL patterns of a production build (`.next/app-path-routes-manifest.json`). */
function patternsFromBuild(root: string): string[] | null {
  try {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(root, ".next", "app-path-routes-manifest.json"), "utf8"),
    ) as Record<string, string>;
    return Object.values(manifest);
  } catch {
    return null;
  }
}

/** The URL patterns of the app/ folder's pages, route handlers and metadata files (icon.svg...). */
function patternsFromSource(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, url: string[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
        // Route groups, "(chat)", are folders only: not part of the URL.
        const group = /^\(.*\)$/.test(entry.name);
        walk(path.join(dir, entry.name), group ? url : [...url, entry.name]);
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) {
        found.push(`/${url.join("/")}`);
      } else if (/^(icon|apple-icon|favicon|robots|sitemap|manifest)\.\w+$/.test(entry.name)) {
        found.push(`/${[...url, entry.name].join("/")}`);
      }
    }
  };
  walk(path.join(root, "app"), []);
  return found;
}

/** Files served from public/ answer at their own path. */
function publicFiles(root: string): string[] {
  try {
    return fs
      .readdirSync(path.join(root, "public"), { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${e.name}`);
  } catch {
    return [];
  }
}

export function routeLabelerFor(root: string): RouteLabeler {
  return createRouteLabeler([...(patternsFromBuild(root) ?? patternsFromSource(root)), ...publicFiles(root)]);
}
