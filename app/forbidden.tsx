import { ShieldOff } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not allowed" };

/** What forbidden() shows, with status 403: a signed-in user without the right (a USER at /admin). */
export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col items-center justify-center px-6 pb-[12vh] text-center">
      <div className="flex size-11 items-center justify-center rounded-full bg-muted">
        <ShieldOff aria-hidden className="size-5 text-muted-foreground" />
      </div>
      <h1 className="mt-4 text-lg font-semibold">You don’t have access to this page</h1>
      <p className="mt-1 mb-5 text-sm text-muted-foreground">
        It is for administrators. Ask the person who runs this Hearth if you need something changed.
      </p>
      <Button asChild>
        <Link href="/">Back to chat</Link>
      </Button>
    </main>
  );
}
