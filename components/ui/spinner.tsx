import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/utils/cn";

/** A decorative spinner; pair it with text or aria-busy for screen readers. */
export function Spinner({ className }: { className?: string }) {
  return <LoaderCircle aria-hidden className={cn("size-4 animate-spin", className)} />;
}
