"use client";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/client/api";
import { loadModelDetails, type InstalledModelView, type ModelDetailsView } from "@/lib/client/admin-models";
import { SectionError } from "./section-parts";

/** What Ollama's /api/show says about a model: the facts first, then template, parameters and Modelfile. */
export function ModelDetailsDialog({
  model,
  onClose,
}: {
  model: InstalledModelView | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={model !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl">
        {model ? <Details model={model} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function Details({ model }: { model: InstalledModelView }) {
  const [details, setDetails] = useState<ModelDetailsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    loadModelDetails(model.runnerId, model.name).then(
      (d) => current && setDetails(d),
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [model]);

  return (
    <>
      <DialogHeader>
        <DialogTitle className="break-all">{model.name}</DialogTitle>
        <DialogDescription>On {model.runnerName}, as Ollama describes it.</DialogDescription>
      </DialogHeader>
      {error ? <SectionError message={error} /> : null}
      {!details && !error ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
          <Spinner /> Loading details…
        </p>
      ) : null}
      {details ? (
        <div className="grid gap-5">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <Fact label="Family" value={details.family} />
            <Fact label="Parameters" value={details.parameterSize} />
            <Fact label="Quantization" value={details.quantization} />
            <Fact
              label="Context length"
              value={
                details.contextLength !== null ? `${details.contextLength.toLocaleString()} tokens` : null
              }
            />
            <dt className="text-muted-foreground">Capabilities</dt>
            <dd className="flex flex-wrap gap-1">
              {details.capabilities.length > 0
                ? details.capabilities.map((c) => (
                    <Badge key={c} variant="secondary" className="capitalize">
                      {c}
                    </Badge>
                  ))
                : "Not reported"}
            </dd>
          </dl>
          <Block title="Template" text={details.template} open />
          <Block title="Parameters" text={details.parameters} />
          <Block title="Modelfile" text={details.modelfile} />
          {details.license ? <Block title="License" text={details.license} /> : null}
        </div>
      ) : null}
    </>
  );
}

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{value ?? "—"}</dd>
    </>
  );
}

/** A long text behind a disclosure, scrolled inside its box. */
function Block({ title, text, open = false }: { title: string; text: string; open?: boolean }) {
  return (
    <details open={open} className="group rounded-lg border">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium select-none">{title}</summary>
      <pre className="max-h-64 overflow-auto border-t bg-muted/40 px-3 py-2 font-mono text-xs whitespace-pre-wrap break-words">
        {text || "(empty)"}
      </pre>
    </details>
  );
}
