import "server-only";
import { AppError } from "@/lib/errors";
import { activeRunnerById } from "@/lib/runners/registry";
import type { ModelDetailsView } from "@/lib/shared/admin-models";

/** What Ollama's /api/show says about a model on one runner: capabilities, context, template, Modelfile. */
export async function modelDetails(input: { runnerId: string; model: string }): Promise<ModelDetailsView> {
  const active = await activeRunnerById(input.runnerId);
  if (active.kind !== "ollama") {
    throw new AppError("bad_request", "OpenAI-compatible servers do not describe their models.", {
      param: "runnerId",
    });
  }
  const d = await active.runner.show(input.model);
  return {
    runnerId: active.id,
    name: input.model,
    family: d.family ?? null,
    parameterSize: d.parameterSize ?? null,
    quantization: d.quantization ?? null,
    contextLength: d.contextLength ?? null,
    capabilities: d.capabilities,
    template: d.template,
    parameters: d.parameters,
    modelfile: d.modelfile,
    license: d.license,
  };
}
