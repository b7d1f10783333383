export * from "./auth";
export * from "./keys";
export * from "./usage";
export * from "./chats";
export * from "./shares";
export * from "./prompts";
export * from "./files";
export * from "./admin";
