import { Flame } from "lucide-react";
import { cn } from "@/lib/utils/cn";

/** The Hearth logo: a flame and the name. */
export function Wordmark({ className, size = "md" }: { className?: string; size?: "md" | "lg" }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-2 font-semibold tracking-tight text-foreground",
        size === "lg" ? "text-2xl" : "text-lg",
        className,
      )}
    >
      <Flame aria-hidden className={cn("fill-brand/20 text-brand", size === "lg" ? "size-7" : "size-5")} />
      Hearth
    </span>
  );
}
