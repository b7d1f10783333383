import { Wordmark } from "@/components/brand/wordmark";

/** Sign-in and sign-up: the logo and one centred card. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-background sm:bg-muted/40 dark:sm:bg-background">
      <main className="flex flex-1 flex-col items-center justify-center px-4 py-10 sm:py-16">
        <Wordmark size="lg" className="mb-8" />
        <div className="w-full max-w-[400px] sm:rounded-2xl sm:border sm:bg-card sm:p-8 sm:shadow-sm">
          {children}
        </div>
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-muted-foreground">
        Hearth runs on your own server. Your conversations stay here.
      </footer>
    </div>
  );
}
