"use client";
import { ThemeProvider } from "next-themes";
import { Toaster } from "sonner";

/** Client-side context for every page: theme (remembered) and toasts. */
export function AppProviders({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem storageKey="hearth-theme" disableTransitionOnChange>
      {children}
      <Toaster richColors closeButton position="top-center" />
    </ThemeProvider>
  );
}
