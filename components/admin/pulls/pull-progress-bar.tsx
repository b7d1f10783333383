import { cn } from "@/lib/utils/cn";

/**
 * A download's progress across all its layers, for eyes and for screen
 * readers (role=progressbar with the percent and the bytes in words).
 */
export function PullProgressBar({
  percent,
  valueText,
  labelledBy,
  tone,
}: {
  percent: number;
  valueText: string;
  labelledBy: string;
  tone: "running" | "completed" | "stopped" | "failed";
}) {
  const value = Math.min(100, Math.max(0, percent));
  return (
    <div
      role="progressbar"
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(value)}
      aria-valuetext={valueText}
      className="h-2 w-full overflow-hidden rounded-full bg-muted"
    >
      <div
        className={cn(
          "h-full rounded-full transition-[width] duration-500 ease-out motion-reduce:transition-none",
          tone === "running" && "bg-brand",
          tone === "completed" && "bg-emerald-600 dark:bg-emerald-500",
          tone === "stopped" && "bg-muted-foreground/50",
          tone === "failed" && "bg-destructive/70",
        )}
        style={{ width: `${value}%` }}
      />
    </div>
  );
}
