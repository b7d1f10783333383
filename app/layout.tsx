import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { AppProviders } from "@/components/providers/app-providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hearth", template: "%s · Hearth" },
  description: "Your own AI chat, on your own server.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#2b2b2b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts's per-request nonce, for the theme script that runs before paint.
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  // An embed's page takes its theme from the embed (proxy.ts), not from the visitor's choice on Hearth.
  const embedTheme = requestHeaders.get("x-hearth-embed-theme");
  const forcedTheme = embedTheme === "dark" || embedTheme === "light" ? embedTheme : undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh font-sans">
        <AppProviders nonce={nonce} forcedTheme={forcedTheme}>
          {children}
        </AppProviders>
      </body>
    </html>
  );
}
