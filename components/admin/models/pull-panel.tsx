"use client";
import { Download } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { PullForm, type PullRunner } from "@/components/admin/pulls/pull-form";
import { PullJobItem } from "@/components/admin/pulls/pull-job-item";
import { usePullJobs } from "@/components/admin/pulls/use-pull-jobs";
import { Spinner } from "@/components/ui/spinner";
import type { PullJobView } from "@/lib/shared/admin-pulls";

/**
 * At most this many pulls are followed over their own SSE stream: a browser
 * opens only six HTTP/1.1 connections to a server, and the page needs some for
 * itself. Pulls beyond these update with the list, every couple of seconds.
 */
const MAX_STREAMS = 3;

/**
 * Pulling models onto the Ollama runners: the form, then the running and
 * recent pulls with their live progress. A pull is a job on the server, so
 * this panel only watches it: any admin sees the same progress, on any page
 * load, and the download goes on when the page is closed.
 */
export function PullPanel({
  runners,
  onCompleted,
}: {
  /** The enabled Ollama runners. */
  runners: PullRunner[];
  /** After a pull this page watched completes (the installed list refreshes through router.refresh() too). */
  onCompleted?: (job: PullJobView) => void;
}) {
  const router = useRouter();
  const { jobs, loadError, reload, update } = usePullJobs(MAX_STREAMS);
  const showRunner = runners.length > 1 || (jobs ?? []).some((job) => job.runnerId !== runners[0]?.id);

  function started(job: PullJobView) {
    const joined = jobs?.some((known) => known.id === job.id);
    update(job);
    toast.success(
      joined ? `${job.model} is already being pulled; its progress is below.` : `Pulling ${job.model}.`,
    );
  }

  function completed(job: PullJobView) {
    toast.success(`${job.model} is ready to use.`);
    router.refresh();
    onCompleted?.(job);
  }

  return (
    <section aria-labelledby="pull-heading" className="grid gap-4">
      <div className="grid gap-1">
        <h2 id="pull-heading" className="text-lg font-semibold">
          Pull a model
        </h2>
        <p className="text-sm text-muted-foreground">
          Download a model onto an Ollama runner. Once it completes it appears in every user&apos;s model
          menu.
        </p>
      </div>
      <PullForm runners={runners} onStarted={started} />

      <div className="grid gap-2">
        <h3 className="text-sm font-medium">Pulls</h3>
        {jobs === null ? (
          loadError ? (
            <p role="alert" className="text-sm text-destructive">
              Could not load the pulls. {loadError}
            </p>
          ) : (
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <Spinner className="size-4" /> Loading pulls…
            </p>
          )
        ) : jobs.length === 0 ? (
          <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-8 text-center">
            <div className="flex size-10 items-center justify-center rounded-full bg-muted">
              <Download aria-hidden className="size-5 text-muted-foreground" />
            </div>
            <p className="mt-3 text-sm font-medium">No pulls yet</p>
            <p className="mt-1 max-w-sm text-sm text-muted-foreground">
              Pulls you and other admins start show here, with their progress.
            </p>
          </div>
        ) : (
          <ul aria-label="Model pulls" className="divide-y rounded-xl border bg-card">
            {jobs.map((job, index) => (
              <PullJobItem
                key={job.id}
                job={job}
                // Running pulls come first, so the first few are the ones to stream.
                live={index < MAX_STREAMS}
                showRunner={showRunner}
                onChange={update}
                onLost={() => void reload()}
                onCompleted={completed}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
