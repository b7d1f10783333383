import "server-only";
import { createDocument, type ZodOpenApiObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { securitySchemes } from "./common";
import { DOCUMENTED_PATHS } from "./paths";

type OpenApiDocument = ReturnType<typeof createDocument>;

const DESCRIPTION = `Hearth's HTTP API.

- **\`/v1/*\`** is OpenAI-compatible: point any OpenAI SDK at \`<this server>/v1\` with an API key from Settings → API keys. Every answer carries \`x-ratelimit-*\` headers; a 429 carries \`retry-after\`. Errors use OpenAI's shape. The same endpoints answer under \`/api/v1/*\` (pick that server below) for proxies that only forward \`/api\`.
- **\`/api/embed/*\`** is what an embedded chat on another website calls, with the embed's publishable key (\`pk_…\`) and a visitor id.
- **\`/api/*\`** (the rest) is the management API the app itself uses, signed in with the session cookie. Errors are \`{"error":{"code","message"}}\`. Requests that change something must come from this origin (the browser's \`Origin\` header).

A guide with curl, Python, Node, LangChain and AI SDK examples is at [/docs](/docs).`;

/** The merged paths: each domain file's entries; a path in two files is a mistake worth failing on. */
export function documentedPaths(): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const domain of DOCUMENTED_PATHS) {
    for (const [path, item] of Object.entries(domain)) {
      if (paths[path]) throw new Error(`${path} is documented twice`);
      paths[path] = item;
    }
  }
  return paths;
}

let built: OpenApiDocument | undefined;

function buildDocument(): OpenApiDocument {
  const source: ZodOpenApiObject = {
    openapi: "3.1.0",
    info: {
      title: "Hearth API",
      version: process.env.npm_package_version ?? "0.1.0",
      description: DESCRIPTION,
    },
    tags: [
      {
        name: "OpenAI-compatible",
        description: "Chat, completions, responses, models and embeddings with an API key.",
      },
      { name: "Sign-in (Better Auth)", description: "Getting a session cookie for the management API." },
      { name: "Account" },
      { name: "API keys" },
      { name: "Chats" },
      { name: "Messages" },
      { name: "Shares" },
      { name: "Prompts" },
      { name: "Files" },
      { name: "Embeds", description: "Chats for your own website: their settings, keys and conversations." },
      {
        name: "Embed visitor API",
        description: "What an embedded chat calls, with the embed's publishable key and a visitor id.",
      },
      { name: "Webhooks", description: "Signed events POSTed to your endpoints." },
      { name: "Admin", description: "Admins only." },
      { name: "System" },
    ],
    components: { securitySchemes },
    paths: documentedPaths(),
  };
  // A free-form JSON object (tool parameters, a JSON schema) is a custom zod type described by its meta.
  return createDocument(source, { allowEmptySchema: { custom: true } });
}

/**
 * The document for one origin: "Try it out" calls the server that served it.
 * The /v1 paths also list the /api/v1 alias as a second server.
 */
export function openApiDocument(origin: string): OpenApiDocument {
  built ??= buildDocument();
  const paths = Object.fromEntries(
    Object.entries(built.paths ?? {}).map(([path, item]) => [
      path,
      path.startsWith("/v1/")
        ? {
            ...item,
            servers: [
              { url: origin, description: "This server" },
              { url: `${origin}/api`, description: "The same endpoints under /api/v1" },
            ],
          }
        : item,
    ]),
  );
  return { ...built, servers: [{ url: origin, description: "This server" }], paths };
}
