"use client";
import { Download } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ApiError, errorMessage } from "@/lib/client/api";
import { startPull } from "@/lib/client/admin-pulls";
import type { PullJobView } from "@/lib/shared/admin-pulls";

export interface PullRunner {
  id: string;
  name: string;
}

/**
 * The model name to pull and, when there are several Ollama runners, which
 * one pulls it. The server checks the name; its refusal shows under the field.
 */
export function PullForm({
  runners,
  onStarted,
}: {
  runners: PullRunner[];
  onStarted: (job: PullJobView) => void;
}) {
  const [model, setModel] = useState("");
  const [runnerId, setRunnerId] = useState(runners[0]?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const runner = runners.some((r) => r.id === runnerId) ? runnerId : (runners[0]?.id ?? "");

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const name = model.trim();
    if (!name) {
      setError("Type the name of a model, like llama3.2:3b.");
      input.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const job = await startPull(runner, name);
      onStarted(job);
      setModel("");
    } catch (err) {
      setError(errorMessage(err));
      if (!(err instanceof ApiError) || err.param !== "runnerId") input.current?.focus();
    } finally {
      setPending(false);
    }
  }

  if (runners.length === 0) {
    return (
      <p className="rounded-lg border border-dashed px-4 py-3 text-sm text-muted-foreground">
        No Ollama runner is enabled, so there is nowhere to pull a model to. Enable or add an Ollama runner
        first.
      </p>
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="grid gap-3">
      {runners.length > 1 ? (
        <div className="grid gap-1.5 sm:max-w-xs">
          <Label htmlFor="pull-runner">Runner</Label>
          <Select value={runner} onValueChange={setRunnerId}>
            <SelectTrigger id="pull-runner">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {runners.map((r) => (
                <SelectItem key={r.id} value={r.id}>
                  {r.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      ) : null}
      <div className="grid gap-1.5">
        <Label htmlFor="pull-model">Model name</Label>
        <div className="flex gap-2">
          <Input
            ref={input}
            id="pull-model"
            name="model"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            placeholder="llama3.2:3b"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "pull-model-error pull-model-hint" : "pull-model-hint"}
            className="min-w-0 flex-1 font-mono"
          />
          <Button type="submit" disabled={pending}>
            <Download aria-hidden />
            {pending ? "Starting…" : "Pull"}
          </Button>
        </div>
        {error ? (
          <p id="pull-model-error" role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <p id="pull-model-hint" className="text-xs text-muted-foreground">
          A name from the Ollama library (<span className="font-mono">qwen3:8b</span>,{" "}
          <span className="font-mono">gemma3</span>) or a Hugging Face GGUF (
          <span className="font-mono">hf.co/user/repo:Q4_K_M</span>). The download runs on the server: you can
          leave this page.
        </p>
      </div>
    </form>
  );
}
