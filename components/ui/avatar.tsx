"use client";
import { Avatar as AvatarPrimitive } from "radix-ui";
import { cn } from "@/lib/utils/cn";

/** Up to two letters for a person: "Ada Lovelace" -> "AL"; no name -> the email's first letter. */
export function initialsOf(name: string, email = ""): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const firstLetter = (word: string | undefined) => Array.from(word ?? "")[0] ?? "";
  if (words.length === 0) return firstLetter(email.trim()).toUpperCase() || "?";
  const last = words.length > 1 ? firstLetter(words.at(-1)) : "";
  return (firstLetter(words[0]) + last).toUpperCase();
}

export function Avatar({ className, ...props }: React.ComponentProps<typeof AvatarPrimitive.Root>) {
  return (
    <AvatarPrimitive.Root
      data-slot="avatar"
      className={cn("relative flex size-8 shrink-0 overflow-hidden rounded-full", className)}
      {...props}
    />
  );
}

export function AvatarImage({ className, ...props }: React.ComponentProps<typeof AvatarPrimitive.Image>) {
  return (
    <AvatarPrimitive.Image
      data-slot="avatar-image"
      className={cn("aspect-square size-full", className)}
      {...props}
    />
  );
}

export function AvatarFallback({
  className,
  ...props
}: React.ComponentProps<typeof AvatarPrimitive.Fallback>) {
  return (
    <AvatarPrimitive.Fallback
      data-slot="avatar-fallback"
      className={cn(
        "flex size-full items-center justify-center rounded-full bg-brand text-xs font-semibold text-neutral-950",
        className,
      )}
      {...props}
    />
  );
}
