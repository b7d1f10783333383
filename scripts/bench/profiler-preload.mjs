// Loaded into Hearth by `npm run bench:gateway-profile` (node --import): the
// first SIGUSR2 starts V8's CPU profiler or its sampling heap profiler (every
// allocation site, objects that died young included), the second stops it and
// writes the profile to HEARTH_PROFILE_OUT. Never loaded by `npm start`.
import fs from "node:fs";
import inspector from "node:inspector";
import v8 from "node:v8";

const kind = process.env.HEARTH_PROFILE_KIND ?? "cpu";
const out = process.env.HEARTH_PROFILE_OUT;
const session = new inspector.Session();
session.connect();
let running = false;
process.on("SIGUSR2", () => {
  if (kind === "none") {
    // No profiler: where the memory is, now (the V8 heap's spaces and what lies outside it).
    const mb = (n) => (n / 1048576).toFixed(1);
    const spaces = v8.getHeapSpaceStatistics().map((s) => `${s.space_name} ${mb(s.space_size)}`);
    const m = process.memoryUsage();
    process.stderr.write(
      `memory (MB): rss ${mb(m.rss)}, heap ${mb(m.heapTotal)} (${spaces.join(", ")}), external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)}\n`,
    );
    return;
  }
  if (!running) {
    running = true;
    if (kind === "alloc")
      session.post("HeapProfiler.startSampling", {
        samplingInterval: 1024,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    else
      session.post("Profiler.enable", () =>
        session.post("Profiler.setSamplingInterval", { interval: 200 }, () => session.post("Profiler.start")),
      );
    return;
  }
  running = false;
  session.post(kind === "alloc" ? "HeapProfiler.stopSampling" : "Profiler.stop", (err, result) => {
    fs.writeFileSync(`${out}.tmp`, JSON.stringify(err ? { error: String(err) } : result.profile));
    fs.renameSync(`${out}.tmp`, out);
  });
});
