import Link from "next/link";
import { CodeBlock } from "@/components/chat/code-block";

/** The guide's snippets, written for this server's address. */
function snippets(origin: string) {
  const base = `${origin}/v1`;
  return {
    curlModels: `curl ${base}/models \\\n  -H "Authorization: Bearer $HEARTH_API_KEY"`,
    curlChat: `curl ${base}/chat/completions \\
  -H "Authorization: Bearer $HEARTH_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "llama3.2:3b",
    "messages": [{"role": "user", "content": "Tell me about foxes"}]
  }'`,
    curlStream: `curl -N ${base}/chat/completions \\
  -H "Authorization: Bearer $HEARTH_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "llama3.2:3b", "stream": true,
       "messages": [{"role": "user", "content": "Tell me about foxes"}]}'

# data: {"object":"chat.completion.chunk","choices":[{"delta":{"content":"Foxes"},...}]}
# ...
# data: [DONE]`,
    python: `# pip install openai
import os
from openai import OpenAI

client = OpenAI(base_url="${base}", api_key=os.environ["HEARTH_API_KEY"])

reply = client.chat.completions.create(
    model="llama3.2:3b",
    messages=[{"role": "user", "content": "Tell me about foxes"}],
)
print(reply.choices[0].message.content)

# Streaming
stream = client.chat.completions.create(
    model="llama3.2:3b",
    messages=[{"role": "user", "content": "Tell me about foxes"}],
    stream=True,
)
for chunk in stream:
    print(chunk.choices[0].delta.content or "", end="", flush=True)`,
    node: `// npm install openai
import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${base}", apiKey: process.env.HEARTH_API_KEY });

const stream = await client.chat.completions.create({
  model: "llama3.2:3b",
  messages: [{ role: "user", content: "Tell me about foxes" }],
  stream: true,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? "");`,
    langchain: `# pip install langchain-openai
import os
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

llm = ChatOpenAI(model="llama3.2:3b", base_url="${base}", api_key=os.environ["HEARTH_API_KEY"])
print(llm.invoke("Tell me about foxes").content)

for chunk in llm.stream("Tell me about foxes"):
    print(chunk.content, end="", flush=True)

embeddings = OpenAIEmbeddings(
    model="nomic-embed-text", base_url="${base}", api_key=os.environ["HEARTH_API_KEY"],
    check_embedding_ctx_length=False,  # send text, not OpenAI's token ids
)`,
    aiSdk: `// npm install ai @ai-sdk/openai
import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";

const hearth = createOpenAI({ baseURL: "${base}", apiKey: process.env.HEARTH_API_KEY });

const result = streamText({
  model: hearth("llama3.2:3b"), // the Responses API; hearth.chat("llama3.2:3b") for Chat Completions
  prompt: "Tell me about foxes",
});
for await (const text of result.textStream) process.stdout.write(text);`,
    error: `HTTP/1.1 429 Too Many Requests
retry-after: 12
x-ratelimit-limit-requests: 60
x-ratelimit-remaining-requests: 0
x-ratelimit-reset-requests: 12s

{"error": {"message": "Rate limit reached: 60 requests per 1m0s. Try again in 12s.",
           "type": "rate_limit_error", "param": null, "code": "rate_limit_exceeded"}}`,
  };
}

const ERRORS: [status: string, meaning: string][] = [
  ["400", "A field is missing or invalid; `param` names it."],
  ["401", "No key, or a key that is unknown, revoked or expired."],
  ["403", "The key may not use this endpoint or model, or its account is disabled."],
  ["404", "No such model (`model_not_found`), stored response or URL."],
  ["413", "The request body is too large."],
  ["429", "Too many requests this minute, or the day's token budget is spent: wait `retry-after` seconds."],
  ["502 / 503 / 504", "The model's runner failed, is unreachable, or took too long."],
];

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="grid gap-3 scroll-mt-20">
      <h2 id={id} className="text-lg font-semibold tracking-tight">
        {title}
      </h2>
      {children}
    </section>
  );
}

const code = "rounded bg-muted px-1 py-0.5 font-mono text-[0.8125rem]";

/** The API guide: from a key to a streamed answer, in each language people use. */
export function Guide({ origin }: { origin: string }) {
  const s = snippets(origin);
  return (
    <div className="grid gap-10 text-sm leading-relaxed [&_p]:text-muted-foreground">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Use Hearth from your code</h1>
        <p className="max-w-2xl">
          Hearth speaks the OpenAI API, so the OpenAI SDKs and the tools built on them work by changing two
          settings: the base URL and the key. Every endpoint is listed in the{" "}
          <Link className="text-foreground underline underline-offset-4" href="/docs/api">
            API reference
          </Link>
          , where you can also try them.
        </p>
      </div>

      <Section id="start" title="Get a key and the base URL">
        <p>
          Create a key under{" "}
          <Link className="text-foreground underline underline-offset-4" href="/settings/api-keys">
            Settings → API keys
          </Link>{" "}
          (it is shown once; it can be limited to some models and endpoints). The base URL is{" "}
          <code className={code}>{origin}/v1</code>. Keep the key out of code that runs in a browser.
        </p>
        <CodeBlock language="bash" code={`export HEARTH_API_KEY="sk-hearth-…"\n\n${s.curlModels}`} />
      </Section>

      <Section id="curl" title="curl">
        <CodeBlock language="bash" code={s.curlChat} />
      </Section>

      <Section id="python" title="Python (openai)">
        <CodeBlock language="python" code={s.python} />
      </Section>

      <Section id="node" title="Node.js (openai)">
        <CodeBlock language="typescript" code={s.node} />
      </Section>

      <Section id="langchain" title="LangChain">
        <CodeBlock language="python" code={s.langchain} />
      </Section>

      <Section id="ai-sdk" title="Vercel AI SDK">
        <CodeBlock language="typescript" code={s.aiSdk} />
      </Section>

      <Section id="streaming" title="Streaming">
        <p>
          With <code className={code}>&quot;stream&quot;: true</code> the answer arrives as Server-Sent
          Events: one <code className={code}>data:</code> line per chunk, then{" "}
          <code className={code}>data: [DONE]</code>. Add{" "}
          <code className={code}>
            &quot;stream_options&quot;: {"{"}&quot;include_usage&quot;: true{"}"}
          </code>{" "}
          for a last chunk with token counts. While a model loads, comment lines (
          <code className={code}>: keep-alive</code>) keep the connection open; SDKs skip them. The Responses
          API (<code className={code}>/v1/responses</code>) streams typed events such as{" "}
          <code className={code}>response.output_text.delta</code>.
        </p>
        <CodeBlock language="bash" code={s.curlStream} />
      </Section>

      <Section id="errors" title="Errors and rate limits">
        <p>
          Errors on <code className={code}>/v1</code> have OpenAI&apos;s shape, so SDKs raise their usual
          exceptions. Each key&apos;s owner has a request rate per minute and may have a daily token budget,
          both set by the admin. Every answer carries <code className={code}>x-ratelimit-limit-requests</code>
          , <code className={code}>x-ratelimit-remaining-requests</code> and{" "}
          <code className={code}>x-ratelimit-reset-requests</code>; a 429 carries{" "}
          <code className={code}>retry-after</code> (seconds), which the OpenAI SDKs honour when they retry.
        </p>
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-left text-sm">
            <thead className="bg-muted/50 text-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Meaning
                </th>
              </tr>
            </thead>
            <tbody>
              {ERRORS.map(([status, meaning]) => (
                <tr key={status} className="border-t">
                  <td className="px-3 py-2 font-mono whitespace-nowrap">{status}</td>
                  <td className="px-3 py-2 text-muted-foreground">{meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CodeBlock language="http" code={s.error} />
      </Section>

      <Section id="management" title="The management API">
        <p>
          Chats, prompts, files, keys and the admin console are served under{" "}
          <code className={code}>/api</code> for the app itself. They take the session cookie of a signed-in
          browser, not an API key; their errors look like{" "}
          <code className={code}>{'{"error": {"code": "not_found", "message": "…"}}'}</code>. They are in the{" "}
          <Link className="text-foreground underline underline-offset-4" href="/docs/api">
            API reference
          </Link>{" "}
          too, and the whole description is at{" "}
          <a className="text-foreground underline underline-offset-4" href="/api/openapi.json">
            /api/openapi.json
          </a>{" "}
          for code generators.
        </p>
      </Section>
    </div>
  );
}
