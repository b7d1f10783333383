import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "../support/query";
import { seedConversation, setRole, userIdOf } from "../support/seed";
import { freshEmail, launchBrowser, newContext } from "./browser";
import { expectAccessible } from "./pages/accessibility";
import { signUp } from "./pages/auth";
import { Sidebar } from "./pages/sidebar";

/**
 * Every page of Hearth, signed in and signed out, passes axe-core's WCAG 2.1
 * A and AA rules with no serious or critical violation, in light and in dark.
 * The page objects scan what the other e2e files reach on the way (open
 * menus, streamed answers); this file makes sure no page escapes, including
 * pages added later: every page.tsx under app/ must be listed below.
 */
let browser: Browser;
let signedIn: BrowserContext;
let signedOut: BrowserContext;
let admin: BrowserContext;
let chatId: string;
let shareToken: string;
let resetPath: string;
let embedId: string;
let embedKey: string;
let embedChatId: string;

const ANSWER = [
  "Here is **bold**, `inline code`, a [link](https://example.com) and a list:",
  "- one\n- two",
  "```ts\nexport const answer = 42;\n```",
  "| name | value |\n| --- | --- |\n| alpha | 1 |",
  "And some math: $e^{i\\pi} + 1 = 0$.",
].join("\n\n");

beforeAll(async () => {
  browser = await launchBrowser();
  signedIn = await newContext(browser);
  const page = await signedIn.newPage();
  const email = freshEmail("a11y");
  await signUp(page, { email, name: "Ada Access" });
  // The first account of a fresh database is made ADMIN; Ada is the USER the 403 page is scanned for.
  await setRole(inject("databaseUrl"), await userIdOf(inject("databaseUrl"), email), "USER");
  ({ chatId } = await seedConversation(inject("databaseUrl"), {
    userId: await userIdOf(inject("databaseUrl"), email),
    title: "Accessible soup",
    model: "llama3.2:3b",
    // Answers in each state the page marks: complete, stopped, cut off by a restart, failed.
    messages: [
      { role: "user", content: "How do I make a quick soup?" },
      { role: "assistant", content: ANSWER, model: "llama3.2:3b" },
      { role: "user", content: "And a slow one?" },
      { role: "assistant", content: "Simmer the bones for", status: "stopped", model: "llama3.2:3b" },
      { role: "user", content: "Go on." },
      { role: "assistant", content: "Then strain the", status: "interrupted", model: "llama3.2:3b" },
      { role: "user", content: "Once more." },
      { role: "assistant", content: "", status: "error", model: "llama3.2:3b" },
    ],
  }));
  // As the share dialog sends it: from the app's own origin (the cross-site guard refuses others).
  const share = await page.request.post(`/api/chats/${chatId}/shares`, {
    headers: { origin: new URL(page.url()).origin },
  });
  expect(share.status()).toBe(201);
  shareToken = new URL(((await share.json()) as { url: string }).url).pathname.split("/").at(-1)!;
  // An embed with one visitor's conversation, for Settings → Embeds and the embed's own page.
  const embed = await page.request.post("/api/embeds", {
    headers: { origin: new URL(page.url()).origin },
    data: {
      name: "Shop help",
      allowedOrigins: ["https://shop.example"],
      model: "llama3.2:3b",
      greeting: "Hi!",
    },
  });
  expect(embed.status()).toBe(201);
  ({ id: embedId, publishableKey: embedKey } = (await embed.json()) as {
    id: string;
    publishableKey: string;
  });
  ({ chatId: embedChatId } = await seedConversation(inject("databaseUrl"), {
    userId: await userIdOf(inject("databaseUrl"), email),
    title: "Opening hours?",
    model: "llama3.2:3b",
    messages: [
      { role: "user", content: "Opening hours?" },
      { role: "assistant", content: ANSWER, model: "llama3.2:3b" },
    ],
  }));
  await query(inject("databaseUrl"), "UPDATE chat SET embed_id = $1, visitor_hash = $2 WHERE id = $3", [
    embedId,
    "3f9a2c".padEnd(64, "0"),
    embedChatId,
  ]);
  await page.close();
  signedOut = await newContext(browser);
  admin = await newContext(browser);
  const adminPage = await admin.newPage();
  const adminEmail = freshEmail("a11y-admin");
  await signUp(adminPage, { email: adminEmail, name: "Ada Admin" });
  const adminId = await userIdOf(inject("databaseUrl"), adminEmail);
  await setRole(inject("databaseUrl"), adminId, "ADMIN");
  // A reset link for the signed-in user, made as the admin console makes one; only its page is scanned.
  const link = await adminPage.request.post(
    `/api/admin/users/${await userIdOf(inject("databaseUrl"), email)}/reset-link`,
    {
      headers: { origin: new URL(inject("baseUrl")).origin },
    },
  );
  expect(link.status()).toBe(201);
  resetPath = ((await link.json()) as { path: string }).path;
  await adminPage.close();
  // Usage over the last days, so that /admin/usage is scanned with its charts and tables.
  await query(
    inject("databaseUrl"),
    `INSERT INTO usage_event (created_at, user_id, source, endpoint, model, stream, status,
       prompt_tokens, completion_tokens, ttft_ms, duration_ms)
     SELECT now() - i * interval '3 hours', $1, 'chat', 'chat', 'llama3.2:3b', true,
       CASE WHEN i % 5 = 0 THEN 502 ELSE 200 END, 100 + i, 50 + i, 200 + 10 * i, 900
     FROM generate_series(0, 40) i`,
    [adminId],
  );
});

afterAll(async () => {
  await browser?.close();
});

/** Each page by its route (as app/ names it) and the URL that shows it. */
const PAGES: {
  route: string;
  signedIn: boolean;
  /** Scanned as an ADMIN (the admin console). */
  admin?: true;
  url: () => string;
  ready: (page: Page) => Promise<void>;
}[] = [
  {
    route: "/login",
    signedIn: false,
    url: () => "/login",
    ready: (p) => p.getByRole("button", { name: "Sign in" }).waitFor(),
  },
  {
    route: "/signup",
    signedIn: false,
    url: () => "/signup",
    ready: (p) => p.getByRole("button", { name: "Create account" }).waitFor(),
  },
  {
    route: "/",
    signedIn: true,
    url: () => "/",
    ready: (p) => p.getByLabel("Message Hearth").waitFor(),
  },
  {
    route: "/c/[chatId]",
    signedIn: true,
    url: () => `/c/${chatId}`,
    ready: (p) => p.getByRole("log", { name: "Conversation" }).getByText("Once more.").waitFor(),
  },
  {
    route: "/c/[chatId] (not found)",
    signedIn: true,
    url: () => "/c/00000000-0000-4000-8000-000000000000",
    ready: (p) => p.getByRole("heading").first().waitFor(),
  },
  { route: "/settings", signedIn: true, url: () => "/settings", ready: (p) => p.locator("main").waitFor() },
  {
    route: "/settings/api-keys",
    signedIn: true,
    url: () => "/settings/api-keys",
    ready: (p) =>
      p
        .getByRole("button", { name: /create/i })
        .first()
        .waitFor(),
  },
  {
    route: "/settings/data",
    signedIn: true,
    url: () => "/settings/data",
    ready: (p) => p.locator("main").waitFor(),
  },
  {
    route: "/settings/prompts",
    signedIn: true,
    url: () => "/settings/prompts",
    ready: (p) => p.getByRole("button", { name: "New prompt" }).waitFor(),
  },
  {
    route: "/settings/webhooks",
    signedIn: true,
    url: () => "/settings/webhooks",
    ready: (p) => p.getByRole("button", { name: "Add webhook" }).first().waitFor(),
  },
  {
    route: "/docs",
    signedIn: false,
    url: () => "/docs",
    ready: (p) => p.getByRole("heading", { name: "Use Hearth from your code" }).waitFor(),
  },
  {
    route: "/settings/embeds",
    signedIn: true,
    url: () => "/settings/embeds",
    ready: (p) => p.getByRole("link", { name: /Shop help/ }).waitFor(),
  },
  {
    route: "/settings/embeds/new",
    signedIn: true,
    url: () => "/settings/embeds/new",
    ready: (p) => p.getByRole("button", { name: "Create embed" }).waitFor(),
  },
  {
    route: "/settings/embeds/[embedId]",
    signedIn: true,
    url: () => `/settings/embeds/${embedId}`,
    ready: (p) => p.getByRole("link", { name: /Opening hours\?/ }).waitFor(),
  },
  {
    route: "/settings/embeds/[embedId]/conversations/[chatId]",
    signedIn: true,
    url: () => `/settings/embeds/${embedId}/conversations/${embedChatId}`,
    ready: (p) => p.getByText("read only").waitFor(),
  },
  {
    route: "/embed/chat",
    signedIn: false,
    url: () => `/embed/chat?key=${embedKey}`,
    ready: (p) => p.getByLabel("Message").waitFor(),
  },
  {
    route: "/embed/chat (unavailable)",
    signedIn: false,
    url: () => "/embed/chat?key=pk_nosuchkey",
    ready: (p) => p.getByRole("heading", { name: "Chat unavailable" }).waitFor(),
  },
  {
    route: "/share/[token]",
    signedIn: false,
    url: () => `/share/${shareToken}`,
    ready: (p) => p.getByRole("heading", { name: "Accessible soup" }).waitFor(),
  },
  {
    route: "/share/[token] (not found)",
    signedIn: false,
    url: () => "/share/no-such-share",
    ready: (p) => p.getByRole("heading").first().waitFor(),
  },
  {
    route: "/admin",
    signedIn: true,
    admin: true,
    url: () => "/admin",
    ready: (p) => p.getByRole("heading", { name: "Administration" }).waitFor(),
  },
  {
    route: "/admin (forbidden to a USER)",
    signedIn: true,
    url: () => "/admin/users",
    ready: (p) => p.getByRole("heading", { name: "You don’t have access to this page" }).waitFor(),
  },
  {
    route: "/admin/users",
    signedIn: true,
    admin: true,
    url: () => "/admin/users",
    ready: (p) => p.getByRole("table").getByText("Ada Admin").waitFor(),
  },
  {
    route: "/reset-password/[token]",
    signedIn: false,
    url: () => resetPath,
    ready: (p) => p.getByRole("button", { name: "Set password" }).waitFor(),
  },
  {
    route: "/reset-password/[token] (not valid)",
    signedIn: false,
    url: () => "/reset-password/no-such-link",
    ready: (p) => p.getByRole("heading", { name: "This link is not valid" }).waitFor(),
  },
  {
    route: "/admin/models",
    signedIn: true,
    admin: true,
    url: () => "/admin/models",
    ready: async (p) => {
      // This server's Ollama is a closed port: the runner shows as unreachable, with its error.
      await p
        .getByRole("list", { name: "Runners" })
        .getByText(/Unreachable|Reachable/)
        .first()
        .waitFor();
      await p.getByRole("heading", { name: "Loaded in memory" }).waitFor();
      await p.getByRole("heading", { name: "Pull a model" }).waitFor();
      await p.getByText("Loading pulls…").waitFor({ state: "detached" });
    },
  },
  {
    route: "/admin/usage",
    signedIn: true,
    admin: true,
    url: () => "/admin/usage",
    ready: async (p) => {
      await p.getByTestId("requests-chart").locator(".recharts-bar-rectangle path").first().waitFor();
      await p.getByRole("region", { name: "Top users" }).getByRole("cell").first().waitFor();
    },
  },
  {
    route: "/admin/system",
    signedIn: true,
    admin: true,
    url: () => "/admin/system",
    ready: async (p) => {
      await p.getByRole("heading", { name: "Settings" }).waitFor();
      // The status cards arrive after the page: wait for the check to end.
      await p.getByRole("region", { name: "Status" }).getByText("Database").waitFor();
    },
  },
  {
    route: "/admin/audit",
    signedIn: true,
    admin: true,
    url: () => "/admin/audit",
    ready: (p) => p.getByRole("search", { name: "Filter the audit log" }).waitFor(),
  },
  {
    route: "(not found)",
    signedIn: false,
    url: () => "/no-such-page",
    ready: (p) => p.getByRole("heading").first().waitFor(),
  },
];

describe("accessibility", () => {
  it("lists every page the app has", () => {
    const routes = pageRoutes(path.resolve("app"));
    const listed = new Set(PAGES.map((p) => p.route));
    expect(routes.filter((r) => !listed.has(r))).toEqual([]);
  });

  for (const entry of PAGES) {
    it(`${entry.route}: no serious or critical WCAG 2.1 A/AA violation, light and dark`, async () => {
      const page = await (entry.admin ? admin : entry.signedIn ? signedIn : signedOut).newPage();
      try {
        await page.goto(entry.url());
        await entry.ready(page);
        await page.waitForLoadState("networkidle");
        await expectAccessible(page, entry.route);
      } finally {
        await page.close();
      }
    });
  }

  it("the account menu and the search dialog, open", async () => {
    const page = await signedIn.newPage();
    try {
      await page.goto(`/c/${chatId}`);
      await page.getByRole("log", { name: "Conversation" }).getByText("Once more.").waitFor();
      await page.waitForLoadState("networkidle");
      await new Sidebar(page).openAccountMenu();
      await page.getByRole("menuitem", { name: "Sign out" }).waitFor();
      await expectAccessible(page, "account menu", { within: '[role="menu"]' });
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+k");
      const search = page.getByRole("dialog", { name: "Search chats" });
      await search.getByLabel("Search").fill("soup");
      await search.getByRole("option").first().waitFor();
      await expectAccessible(page, "search dialog with hits", { within: '[role="dialog"]' });
    } finally {
      await page.close();
    }
  });
});

/** The URL patterns of app/'s pages: route groups dropped, dynamic segments kept as written. */
function pageRoutes(dir: string, prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) {
      if (entry.name === "page.tsx") routes.push(prefix || "/");
      continue;
    }
    if (entry.name === "api" || entry.name.startsWith("_")) continue;
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    routes.push(...pageRoutes(path.join(dir, entry.name), prefix + segment));
  }
  return routes;
}
