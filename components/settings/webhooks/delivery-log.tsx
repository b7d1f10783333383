"use client";
import { RotateCw } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { errorMessage } from "@/lib/client/api";
import { fetchDeliveryLog, redeliver } from "@/lib/client/webhooks";
import type { WebhookAttemptView } from "@/lib/webhooks/schemas";
import { cn } from "@/lib/utils/cn";

/** How often the open log asks for news: deliveries happen in the background. */
const REFRESH_MS = 3_000;

/**
 * An endpoint's delivery log, newest first: each attempt with its event,
 * time, status code, latency and the start of the answer, and Redeliver.
 * `refreshKey` changes when the page queued something (a test event).
 */
export function DeliveryLog({
  webhookId,
  enabled,
  refreshKey,
}: {
  webhookId: string;
  enabled: boolean;
  refreshKey: number;
}) {
  const [entries, setEntries] = useState<WebhookAttemptView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resending, setResending] = useState<string | null>(null);

  // Each round reads the log once, then schedules the next; a redelivery starts one early.
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchDeliveryLog(webhookId, controller.signal).then(
      (next) => {
        setEntries(next);
        setError(null);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(err));
      },
    );
    const timer = setTimeout(() => setRound((n) => n + 1), REFRESH_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [webhookId, round, refreshKey]);

  async function resend(deliveryId: string) {
    setResending(deliveryId);
    try {
      await redeliver(webhookId, deliveryId);
      toast.success("Redelivery queued");
      setTimeout(() => setRound((n) => n + 1), 800);
    } catch (err) {
      toast.error(`Could not redeliver. ${errorMessage(err)}`);
    } finally {
      setResending(null);
    }
  }

  if (entries === null && !error)
    return (
      <p className="flex items-center gap-2 px-4 py-6 text-sm text-muted-foreground">
        <Spinner /> Loading deliveries…
      </p>
    );
  if (error)
    return <p className="px-4 py-6 text-sm text-destructive">Could not load the deliveries: {error}</p>;
  if (!entries?.length)
    return (
      <p className="px-4 py-6 text-sm text-muted-foreground">
        No deliveries yet. Send a test event to see one here.
      </p>
    );

  return (
    <div className="overflow-x-auto">
      <Table aria-label="Delivery log">
        <TableHeader className="bg-muted/40">
          <TableRow className="hover:bg-transparent">
            <TableHead className="pl-4">Event</TableHead>
            <TableHead>Time</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Latency</TableHead>
            <TableHead className="text-right">Attempt</TableHead>
            <TableHead>Response</TableHead>
            <TableHead className="pr-4">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.id} data-testid="delivery-row">
              <TableCell className="pl-4">
                <code className="font-mono text-xs">{entry.eventType}</code>
              </TableCell>
              <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
                <LocalTime iso={entry.createdAt} relative />
              </TableCell>
              <TableCell>
                <StatusBadge entry={entry} />
              </TableCell>
              <TableCell className="text-right font-mono text-xs tabular-nums">
                {entry.attempt > 0 ? `${entry.latencyMs} ms` : "–"}
              </TableCell>
              <TableCell className="text-right font-mono text-xs tabular-nums">
                {entry.attempt > 0 ? `#${entry.attempt}${entry.manual ? " (manual)" : ""}` : "–"}
              </TableCell>
              <TableCell className="max-w-64">
                <p
                  className="truncate font-mono text-xs text-muted-foreground"
                  title={entry.error ?? entry.responseExcerpt}
                >
                  {entry.error ?? (entry.responseExcerpt || "(empty)")}
                </p>
              </TableCell>
              <TableCell className="pr-4 text-right">
                {entry.attempt > 0 ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={!enabled || resending === entry.deliveryId}
                    onClick={() => void resend(entry.deliveryId)}
                    aria-label={`Redeliver ${entry.eventType} (attempt ${entry.attempt})`}
                  >
                    <RotateCw aria-hidden className={cn(resending === entry.deliveryId && "animate-spin")} />
                    Redeliver
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function StatusBadge({ entry }: { entry: WebhookAttemptView }) {
  if (entry.attempt === 0) return <Badge variant="outline">Queued</Badge>;
  const label = entry.statusCode !== null ? String(entry.statusCode) : "No response";
  return (
    <Badge
      variant="outline"
      className={cn(
        "font-mono",
        entry.ok
          ? "border-emerald-600/30 bg-emerald-500/10 text-emerald-700 dark:text-emerald-300"
          : "border-red-600/30 bg-red-500/10 text-red-700 dark:text-red-300",
      )}
    >
      {label}
    </Badge>
  );
}
