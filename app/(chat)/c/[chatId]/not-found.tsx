import { MessageSquareOff } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** A chat that does not exist, was deleted, or is someone else's: all look the same. */
export default function ChatNotFound() {
  return (
    <div className="mx-auto flex max-w-sm flex-1 flex-col items-center justify-center px-6 pb-[12vh] text-center">
      <div className="flex size-11 items-center justify-center rounded-full bg-muted">
        <MessageSquareOff aria-hidden className="size-5 text-muted-foreground" />
      </div>
      <h1 className="mt-4 text-lg font-semibold">Chat not found</h1>
      <p className="mt-1 mb-5 text-sm text-muted-foreground">
        It may have been deleted, or the link is wrong.
      </p>
      <Button asChild>
        <Link href="/">Start a new chat</Link>
      </Button>
    </div>
  );
}
