// The same rule as the server (lib/prompts/prompt-variables.ts): one module, so they cannot drift.
export { fillPrompt, promptVariables } from "@/lib/prompts/prompt-variables";
