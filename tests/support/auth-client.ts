/**
 * A browser for the app's real route handlers, in-process: same-origin
 * requests with a cookie jar, from an address of its own.
 */
import { appFetch, appRequest, ORIGIN, type RequestOptions } from "./app-client";

export { ORIGIN };

export class Browser {
  cookies = new Map<string, string>();
  readonly ip: string;

  /** `new Browser()`, or `new Browser("192.0.2.7")` for one at another address. */
  constructor(ip = "203.0.113.10") {
    this.ip = ip;
  }

  /** A request as this browser sends it: its cookies, its address, the app's origin. */
  request(url: string, options: RequestOptions = {}): Request {
    // The address Hearth's server would stamp on the request (lib/server), as if from this client.
    const headers = new Headers({ "x-hearth-client-ip": this.ip });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    for (const [name, value] of new Headers(options.headers)) headers.set(name, value);
    return appRequest(url, { ...options, headers });
  }

  /** Sends a request to the route its URL names, and keeps the cookies the answer sets. */
  async fetch(url: string, options: RequestOptions = {}): Promise<Response> {
    const res = await appFetch(this.request(url, options));
    this.remember(res);
    return res;
  }

  get = (url: string, options: Omit<RequestOptions, "method"> = {}) =>
    this.fetch(url, { ...options, method: "GET" });
  /** A path not under /api or /v1 is Better Auth's (`post("/sign-out", {})`), as older tests wrote it. */
  post = (url: string, json?: unknown, options: Omit<RequestOptions, "method" | "json"> = {}) =>
    this.fetch(/^\/(api|v1)\//.test(url) ? url : `/api/auth${url}`, { ...options, method: "POST", json });
  patch = (url: string, json?: unknown) => this.fetch(url, { method: "PATCH", json });
  put = (url: string, json?: unknown) => this.fetch(url, { method: "PUT", json });
  delete = (url: string) => this.fetch(url, { method: "DELETE" });

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  signUp(email: string, password: string, name = email.split("@")[0]!) {
    return this.post("/api/auth/sign-up/email", { email, password, name });
  }

  signIn(email: string, password: string) {
    return this.post("/api/auth/sign-in/email", { email, password });
  }

  me(): Promise<Response> {
    return this.get("/api/me");
  }

  /** The signed-in user's id. */
  async id(): Promise<string> {
    return ((await (await this.me()).json()) as { id: string }).id;
  }
}
