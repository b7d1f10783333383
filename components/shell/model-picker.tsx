"use client";
import { Brain, ChevronDown, Eye, RotateCcw, TriangleAlert, Wrench, type LucideIcon } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { chooseModel, currentModel, loadModels, useModelState } from "@/components/chat/model-store";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

/** "/c/<id>" → the id; null elsewhere. */
function chatIdOf(pathname: string): string | null {
  return /^\/c\/([^/]+)/.exec(pathname)?.[1] ?? null;
}

/**
 * The model menu in the header: the models Ollama has, the current one
 * checked. On a chat it is the chat's model; elsewhere the last choice, which
 * new chats use. The choice is remembered in this browser.
 */
export function ModelPicker() {
  const pathname = usePathname();
  const chatId = chatIdOf(pathname);
  const state = useModelState();
  const selected = currentModel(state, chatId);
  const selectedName = state.models.find((m) => m.id === selected)?.name ?? selected;

  useEffect(() => {
    void loadModels();
  }, []);

  return (
    <DropdownMenu
      onOpenChange={(open) => {
        // Models come and go in Ollama: look again each time the menu opens.
        if (open) void loadModels();
      }}
    >
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="min-w-0 gap-1 px-2.5 text-[17px] font-medium">
          <span className="sr-only">Model: </span>
          <span className="truncate">{selectedName ?? "Hearth"}</span>
          <ChevronDown aria-hidden className="size-4 text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72 max-w-[calc(100vw-1rem)]">
        <DropdownMenuLabel>Model</DropdownMenuLabel>
        {state.status === "error" ? (
          <>
            <div className="flex gap-2 px-2 pb-2 text-sm" role="alert">
              <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
              <p className="text-muted-foreground">{state.error}</p>
            </div>
            <DropdownMenuSeparator />
            <DropdownMenuItem
              onSelect={(event) => {
                event.preventDefault();
                void loadModels();
              }}
            >
              <RotateCcw aria-hidden />
              Try again
            </DropdownMenuItem>
          </>
        ) : state.models.length === 0 ? (
          state.status === "ready" ? (
            <p className="px-2 pb-2 text-sm text-muted-foreground">
              No models: pull one in Ollama (for example{" "}
              <code className="font-mono text-xs">ollama pull llama3.2</code>
              ), then open this menu again.
            </p>
          ) : (
            <p className="flex items-center gap-2 px-2 pb-2 text-sm text-muted-foreground" role="status">
              <Spinner />
              Loading models…
            </p>
          )
        ) : (
          <DropdownMenuRadioGroup
            value={selected ?? undefined}
            onValueChange={(id) => chooseModel(id, chatId)}
          >
            {state.models.map((model) => (
              <DropdownMenuRadioItem key={model.id} value={model.id}>
                <span className="truncate">{model.name}</span>
                <CapabilityIcons capabilities={model.capabilities} />
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** The abilities worth a badge, in the order they are shown; "completion" goes without saying. */
const BADGES: { capability: string; label: string; hint: string; Icon: LucideIcon }[] = [
  { capability: "vision", label: "Vision", hint: "Vision: understands images", Icon: Eye },
  { capability: "tools", label: "Tools", hint: "Tools: can call tools", Icon: Wrench },
  { capability: "thinking", label: "Thinking", hint: "Thinking: reasons before answering", Icon: Brain },
];

/** Small icons after a model's name, each named for screen readers and explained on hover. */
function CapabilityIcons({ capabilities }: { capabilities: string[] }) {
  const badges = BADGES.filter((b) => capabilities.includes(b.capability));
  if (badges.length === 0) return null;
  return (
    <span className="ml-auto flex shrink-0 items-center gap-1.5 pl-2">
      {badges.map(({ capability, label, hint, Icon }) => (
        <Tooltip key={capability}>
          <TooltipTrigger asChild>
            <span role="img" aria-label={label} className="flex text-muted-foreground">
              <Icon aria-hidden className="size-3.5" />
            </span>
          </TooltipTrigger>
          <TooltipContent side="right">{hint}</TooltipContent>
        </Tooltip>
      ))}
    </span>
  );
}
