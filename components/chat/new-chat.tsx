"use client";
import { toast } from "sonner";
import { firstNameOf, useCurrentUser } from "@/components/shell/current-user";
import { Composer } from "./composer";

/** The empty conversation at "/": a greeting and the composer, as in ChatGPT. */
export function NewChat() {
  const user = useCurrentUser();
  const firstName = firstNameOf(user.name);

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col px-4 md:justify-center md:pb-[12vh]">
      <div className="flex flex-1 items-center justify-center md:flex-none">
        <h1 className="text-center text-2xl font-medium tracking-tight text-balance md:text-[28px]">
          {firstName ? `How can I help, ${firstName}?` : "How can I help?"}
        </h1>
      </div>
      <div className="pb-3 md:mt-8 md:pb-0">
        <Composer
          onSend={() => {
            // The chat issue wires this to a model; until then, say so plainly.
            toast.info("No model is connected yet");
            return false;
          }}
        />
        <p className="mt-2 text-center text-xs text-muted-foreground">
          Answers can be wrong. Check what matters.
        </p>
      </div>
    </div>
  );
}
