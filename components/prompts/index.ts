export { fillPrompt, promptVariables } from "./fill-prompt";
export { PromptVariablesDialog } from "./prompt-variables-dialog";
export { usePrompts, type PromptsState } from "./use-prompts";
