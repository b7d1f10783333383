/**
 * POST /api/pull: Ollama's progress stream, paced over faults.pullDurationMs.
 * A client that disconnects cancels the pull, as in Ollama, but the bytes
 * "downloaded" so far are kept, so the next pull of the model resumes.
 */
import type { ServerResponse } from "node:http";
import { NDJSON_TYPE, objectBody, sendError, sendJson, str, type SimContext, type SimRequest } from "./http";
import { layersOf, normalizeName, type ModelEntry } from "./models";

/** One pull as the simulator saw it, for tests to check what the client did. */
export interface SimPull {
  /** The name as requested, normalized ("llama3.2" → "llama3.2:latest"). */
  model: string;
  /** Bytes already on disk when the pull started: more than 0 when it resumed an earlier one. */
  resumedFromBytes: number;
  /** Bytes on disk now, across its layers. */
  downloadedBytes: number;
  /** running; completed ("success" sent); failed (`{"error"}` sent); closed (the client hung up first). */
  outcome: "running" | "completed" | "failed" | "closed";
}

interface PullLine {
  body: Record<string, unknown>;
  /** Layer progress to remember once this line is sent. */
  progress?: { digest: string; completed: number };
}

const MISSING_MANIFEST = "pull model manifest: file does not exist";

function pullLines(
  entry: ModelEntry,
  downloaded: ReadonlyMap<string, number>,
  failWith: string | undefined,
): PullLine[] {
  const lines: PullLine[] = [{ body: { status: "pulling manifest" } }];
  for (const [index, layer] of layersOf(entry).entries()) {
    const status = `pulling ${layer.digest.slice(0, 12)}`;
    const digest = `sha256:${layer.digest}`;
    const total = layer.size;
    const done = downloaded.get(layer.digest) ?? 0;
    // Ollama's first line for a layer has no `completed` until bytes exist on disk.
    lines.push({ body: done > 0 ? { status, digest, total, completed: done } : { status, digest, total } });
    const steps = done < total && total > 1_000_000 ? 8 : 1;
    for (let i = 1; i <= steps; i++) {
      const completed = Math.round(done + ((total - done) * i) / steps);
      lines.push({
        body: { status, digest, total, completed },
        progress: { digest: layer.digest, completed },
      });
      // A registry that goes away mid-download: Ollama sends its error, the partial blob stays.
      if (failWith !== undefined && index === 0 && i === Math.ceil(steps / 2)) {
        lines.push({ body: { error: failWith } });
        return lines;
      }
    }
  }
  lines.push(
    { body: { status: "verifying sha256 digest" } },
    { body: { status: "writing manifest" } },
    { body: { status: "success" } },
  );
  return lines;
}

function downloadedOf(entry: ModelEntry, downloaded: ReadonlyMap<string, number>): number {
  return layersOf(entry).reduce((sum, { digest }) => sum + (downloaded.get(digest) ?? 0), 0);
}

export function handlePull(ctx: SimContext, req: SimRequest, res: ServerResponse): void {
  const parsed = objectBody(req);
  if ("error" in parsed) return sendError(res, 400, parsed.error);
  const name = str(parsed.body.model) ?? str(parsed.body.name);
  if (!name) return sendError(res, 400, "model is required");
  const stream = parsed.body.stream !== false;
  const { catalogue } = ctx;

  const entry = catalogue.lookupRegistry(name);
  if (!entry) {
    ctx.pulls.push({
      model: normalizeName(name),
      resumedFromBytes: 0,
      downloadedBytes: 0,
      outcome: "failed",
    });
    if (!stream) return sendError(res, 500, MISSING_MANIFEST);
    res.writeHead(200, { "Content-Type": NDJSON_TYPE });
    res.write(`${JSON.stringify({ status: "pulling manifest" })}\n`);
    res.end(`${JSON.stringify({ error: MISSING_MANIFEST })}\n`);
    return;
  }

  const resumedFromBytes = downloadedOf(entry, catalogue.pullProgress);
  const pull: SimPull = {
    model: entry.name,
    resumedFromBytes,
    downloadedBytes: resumedFromBytes,
    outcome: "running",
  };
  ctx.pulls.push(pull);
  const lines = pullLines(entry, catalogue.pullProgress, ctx.faults.pullError);
  const spacing = ctx.faults.pullDurationMs / lines.length;
  if (stream) res.writeHead(200, { "Content-Type": NDJSON_TYPE });
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  res.on("close", () => {
    clearTimeout(timer);
    if (pull.outcome === "running") pull.outcome = "closed";
  });

  const finish = (line: PullLine, outcome: "completed" | "failed") => {
    pull.outcome = outcome;
    if (stream) res.end(`${JSON.stringify(line.body)}\n`);
    else if (outcome === "failed") sendError(res, 500, String(line.body.error));
    else sendJson(res, 200, line.body);
  };

  const step = () => {
    for (;;) {
      const line = lines[next++];
      if (!line) return;
      if (line.progress) {
        catalogue.pullProgress.set(line.progress.digest, line.progress.completed);
        pull.downloadedBytes = downloadedOf(entry, catalogue.pullProgress);
      }
      if ("error" in line.body) return finish(line, "failed");
      if (next === lines.length) {
        // Installed before "success" goes out, so a client that lists tags right after sees the model.
        catalogue.install(entry);
        for (const { digest } of layersOf(entry)) catalogue.pullProgress.delete(digest);
        return finish(line, "completed");
      }
      if (stream) res.write(`${JSON.stringify(line.body)}\n`);
      if (spacing > 0) {
        timer = setTimeout(step, spacing);
        return;
      }
    }
  };
  step();
}
