import { readQuery } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { modelDetails } from "@/lib/models/model-details";
import { modelTarget } from "@/lib/models/model-target";

/** ?runnerId=…&model=…: capabilities, context length, template, parameters and Modelfile. */
export const GET = withAdmin(async (req) => Response.json(await modelDetails(readQuery(req, modelTarget))));
