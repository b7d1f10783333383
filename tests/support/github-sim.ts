/**
 * A stand-in for GitHub's OAuth token endpoint and user API, for sign-in tests
 * (Better Auth's GitHub provider has github.com built in). `routeGithubToSim`
 * sends this process's requests for github.com and api.github.com to it;
 * everything else goes out as before. An authorization code the test has not
 * registered with `sim.code(profile)` is refused as GitHub refuses a bad code.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface GithubProfile {
  id: number;
  login: string;
  name: string;
  email: string;
}

export interface GithubSim {
  url: string;
  /** A one-time authorization code GitHub would hand back for this person. */
  code(profile: GithubProfile): string;
  /** Sends this process's github.com requests to the sim until `restore()`. */
  route(): { restore(): void };
  stop(): Promise<void>;
}

export async function startGithubSim(): Promise<GithubSim> {
  const codes = new Map<string, GithubProfile>();
  const tokens = new Map<string, GithubProfile>();
  let next = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sim");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const code = new URLSearchParams(body).get("code") ?? "";
        const profile = codes.get(code);
        codes.delete(code);
        if (!profile) return json(200, { error: "bad_verification_code" });
        const token = `gho_sim_${++next}`;
        tokens.set(token, profile);
        json(200, { access_token: token, token_type: "bearer", scope: "read:user,user:email" });
      });
      return;
    }
    const profile = tokens.get(req.headers.authorization?.replace(/^Bearer /i, "") ?? "");
    if (!profile) return json(401, { message: "Bad credentials" });
    if (url.pathname === "/user") return json(200, { ...profile, avatar_url: null });
    if (url.pathname === "/user/emails")
      return json(200, [{ email: profile.email, primary: true, verified: true, visibility: "private" }]);
    json(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    code(profile) {
      const code = `code-${++next}`;
      codes.set(code, profile);
      return code;
    },
    route() {
      const original = globalThis.fetch;
      globalThis.fetch = async (input, init) => {
        const request = new Request(input, init);
        const target = new URL(request.url);
        if (target.hostname !== "github.com" && target.hostname !== "api.github.com")
          return original(input, init);
        const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
        return original(`${base}${target.pathname}${target.search}`, {
          method: request.method,
          headers: request.headers,
          body,
          redirect: request.redirect,
        });
      };
      return { restore: () => void (globalThis.fetch = original) };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
