"use client";
import { Check, ChevronLeft, ChevronRight, Copy } from "lucide-react";
import { useCopyFeedback } from "@/components/hooks/use-copy-feedback";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { ShownMessage } from "@/lib/client/api-types";
import { cn } from "@/lib/utils/cn";

/** The row of small buttons under a message: shown on hover or focus, always on touch screens. */
export function MessageActions({
  visible,
  className,
  children,
}: {
  visible: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      className={cn(
        "flex items-center gap-0.5 transition-opacity",
        className,
        !visible &&
          "opacity-0 group-hover/message:opacity-100 focus-within:opacity-100 [@media(hover:none)]:opacity-100",
      )}
    >
      {children}
    </div>
  );
}

export function ActionButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          aria-label={label}
          onClick={onClick}
          disabled={disabled}
          className="size-8 text-muted-foreground hover:text-foreground"
        >
          {children}
        </Button>
      </TooltipTrigger>
      <TooltipContent side="bottom">{label}</TooltipContent>
    </Tooltip>
  );
}

export function CopyButton({ text }: { text: string }) {
  const { copied, copy } = useCopyFeedback("Could not copy. Select the text and copy it by hand.");

  return (
    <ActionButton label={copied ? "Copied" : "Copy message"} onClick={() => void copy(text)}>
      {copied ? <Check /> : <Copy />}
    </ActionButton>
  );
}

/** `< 2/3 >`: which version of this message is shown, and the way to the others. */
export function BranchArrows({
  message,
  onSwitch,
  disabled,
}: {
  message: ShownMessage;
  onSwitch: (messageId: string) => void;
  disabled: boolean;
}) {
  const siblings = message.siblings ?? [];
  const index = siblings.indexOf(message.id);
  if (siblings.length < 2 || index < 0) return null;
  const go = (to: number) => {
    const id = siblings[to];
    if (id) onSwitch(id);
  };
  return (
    <div className="flex items-center text-sm text-muted-foreground tabular-nums">
      <Button
        variant="ghost"
        size="icon"
        aria-label="Previous version"
        disabled={disabled || index === 0}
        onClick={() => go(index - 1)}
        className="size-8 hover:text-foreground"
      >
        <ChevronLeft />
      </Button>
      <span>
        {index + 1}/{siblings.length}
      </span>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Next version"
        disabled={disabled || index === siblings.length - 1}
        onClick={() => go(index + 1)}
        className="size-8 hover:text-foreground"
      >
        <ChevronRight />
      </Button>
    </div>
  );
}
