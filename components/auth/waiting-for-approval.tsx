"use client";
import { Hourglass, LogOut } from "lucide-react";
import { Wordmark } from "@/components/brand/wordmark";
import { Button } from "@/components/ui/button";
import { signOut } from "./sign-out";

/**
 * What an account signed up under the approval policy sees until an
 * administrator approves it: instead of the chat, a page that says so.
 */
export function WaitingForApproval({ email }: { email: string }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-background px-4 py-10 sm:bg-muted/40 dark:sm:bg-background">
      <Wordmark size="lg" className="mb-8" />
      <main className="w-full max-w-[420px] text-center sm:rounded-2xl sm:border sm:bg-card sm:p-8 sm:shadow-sm">
        <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-muted">
          <Hourglass aria-hidden className="size-5 text-muted-foreground" />
        </div>
        <h1 className="mt-4 text-xl font-semibold tracking-tight">Waiting for approval</h1>
        <p className="mt-2 text-sm text-muted-foreground">
          Your account <span className="font-medium break-all text-foreground">{email}</span> has been
          created. An administrator of this server needs to approve it before you can start chatting.
        </p>
        <p className="mt-2 text-sm text-muted-foreground">Once it is approved, reload this page.</p>
        <Button variant="outline" className="mt-6" onClick={() => void signOut()}>
          <LogOut aria-hidden />
          Sign out
        </Button>
      </main>
    </div>
  );
}
