// Loaded into Hearth by `npm run bench:gateway-profile` (node --import): the
// first SIGUSR2 starts V8's CPU profiler or its sampling heap profiler (every
// allocation site, objects that died young included), the second stops it and
// writes the profile to HEARTH_PROFILE_OUT. Never loaded by `npm start`.
import fs from "node:fs";
import inspector from "node:inspector";

const kind = process.env.HEARTH_PROFILE_KIND === "alloc" ? "alloc" : "cpu";
const out = process.env.HEARTH_PROFILE_OUT;
const session = new inspector.Session();
session.connect();
let running = false;
process.on("SIGUSR2", () => {
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
