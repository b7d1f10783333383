import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";
import { modelNameSchema } from "./model-name";

/** A model on one runner, as the admin's delete, unload and details calls name it. */
export const modelTarget = z.object({
  runnerId: storableText({ error: "is required" }).min(1, "is required").max(100, "at most 100 characters"),
  model: modelNameSchema,
});
