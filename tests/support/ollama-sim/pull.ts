/**
 * POST /api/pull: Ollama's progress stream, paced over faults.pullDurationMs.
 * A client that disconnects cancels the pull, as in Ollama, but the bytes
 * "downloaded" so far are kept, so the next pull of the model resumes.
 */
import type { ServerResponse } from "node:http";
import { NDJSON_TYPE, objectBody, sendError, sendJson, str, type SimContext, type SimRequest } from "./http";
import { layersOf, type ModelEntry } from "./models";

interface PullLine {
  body: Record<string, unknown>;
  /** Layer progress to remember once this line is sent. */
  progress?: { digest: string; completed: number };
}

const MISSING_MANIFEST = "pull model manifest: file does not exist";

function pullLines(entry: ModelEntry, downloaded: ReadonlyMap<string, number>): PullLine[] {
  const lines: PullLine[] = [{ body: { status: "pulling manifest" } }];
  for (const layer of layersOf(entry)) {
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
    }
  }
  lines.push(
    { body: { status: "verifying sha256 digest" } },
    { body: { status: "writing manifest" } },
    { body: { status: "success" } },
  );
  return lines;
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
    if (!stream) return sendError(res, 500, MISSING_MANIFEST);
    res.writeHead(200, { "Content-Type": NDJSON_TYPE });
    res.write(`${JSON.stringify({ status: "pulling manifest" })}\n`);
    res.end(`${JSON.stringify({ error: MISSING_MANIFEST })}\n`);
    return;
  }

  const lines = pullLines(entry, catalogue.pullProgress);
  const spacing = ctx.faults.pullDurationMs / lines.length;
  if (stream) res.writeHead(200, { "Content-Type": NDJSON_TYPE });
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  res.on("close", () => clearTimeout(timer));

  const step = () => {
    for (;;) {
      const line = lines[next++];
      if (!line) return;
      if (line.progress) catalogue.pullProgress.set(line.progress.digest, line.progress.completed);
      if (next === lines.length) {
        // Installed before "success" goes out, so a client that lists tags right after sees the model.
        catalogue.install(entry);
        for (const { digest } of layersOf(entry)) catalogue.pullProgress.delete(digest);
        if (stream) res.end(`${JSON.stringify(line.body)}\n`);
        else sendJson(res, 200, line.body);
        return;
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
