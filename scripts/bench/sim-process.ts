/**
 * The Ollama simulator in a process of its own, for `npm run bench:gateway`:
 * its CPU time is then measured apart from the load client's and the gateways'.
 * The parent sets faults and planned replies over IPC ({ faults, plan } → "ok"); the simulator closes and
 * this process exits when the parent goes away, so a crashed benchmark leaves nothing behind.
 */
import { startOllamaSim, type Faults } from "../../tests/support/ollama-sim/index";

const sim = await startOllamaSim();
process.on("message", (message: { faults?: Partial<Faults>; plan?: { prompt: string; reply: string } }) => {
  if (message.faults) sim.setFaults(message.faults);
  if (message.plan) sim.planReply(message.plan.prompt, message.plan.reply);
  // The requests log grows with every stream; a benchmark never reads it.
  sim.requests.length = 0;
  process.send?.("ok");
});
process.on("disconnect", () => void sim.close().finally(() => process.exit(0)));
process.send?.({ url: sim.url });
