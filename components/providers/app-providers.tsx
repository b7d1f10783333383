"use client";
import { ThemeProvider, useTheme } from "next-themes";
import { Toaster } from "sonner";

/** Client-side context for every page: theme (remembered) and toasts. */
export function AppProviders({
  children,
  nonce,
  forcedTheme,
}: {
  children: React.ReactNode;
  nonce?: string;
  /** An embed's page is drawn in its embed's theme. */
  forcedTheme?: "light" | "dark";
}) {
  return (
    <ThemeProvider
      nonce={nonce}
      forcedTheme={forcedTheme}
      attribute="class"
      defaultTheme="system"
      enableSystem
      storageKey="hearth-theme"
      disableTransitionOnChange
    >
      {children}
      <ThemedToaster />
    </ThemeProvider>
  );
}

/** Toasts follow the chosen theme, not only the system's. */
function ThemedToaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Toaster
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      richColors
      closeButton
      position="top-center"
    />
  );
}
