/**
 * A second app process for key-cache tests: it checks API keys with the app's
 * own `verifyApiKey` against the database in DATABASE_URL. One JSON request
 * per stdin line, `{ "id", "key" }`; one JSON answer per stdout line, with the
 * check's result, how many queries this process has sent to PostgreSQL so far,
 * and whether its key cache is listening for changes.
 * Run: node --conditions=react-server --import tsx tests/support/key-checker.ts
 */
import readline from "node:readline";
import { pool } from "@/lib/db/client";
import { verifyApiKey } from "@/lib/keys/verify-api-key";
import { verifiedKeyCache } from "@/lib/keys/verified-key-cache";

let queries = 0;
const p = pool();
const query = p.query.bind(p);
p.query = ((...args: Parameters<typeof query>) => {
  queries++;
  return query(...args);
}) as typeof p.query;

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { id, key } = JSON.parse(line) as { id: number; key: string };
  verifyApiKey(key).then(
    (result) => {
      const answer = { id, result, queries, listening: verifiedKeyCache().listening };
      process.stdout.write(JSON.stringify(answer) + "\n");
    },
    (err: unknown) => process.stdout.write(JSON.stringify({ id, error: String(err) }) + "\n"),
  );
});
// Stdin closed: the test is done with us.
lines.on("close", () => process.exit(0));
