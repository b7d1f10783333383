/**
 * Drives the app's real route handlers in-process, the way a browser would:
 * same-origin requests with a cookie jar.
 */
export const ORIGIN = "http://localhost:3000";

type Handler = (req: Request, ctx: never) => Promise<Response>;

export interface Routes {
  auth: { GET: Handler; POST: Handler };
  me: { GET: Handler };
}

export async function loadRoutes(): Promise<Routes> {
  const auth = await import("@/app/api/auth/[...all]/route");
  const me = await import("@/app/api/me/route");
  return { auth: auth as unknown as Routes["auth"], me: me as unknown as Routes["me"] };
}

export class Browser {
  cookies = new Map<string, string>();
  constructor(
    private routes: Routes,
    readonly ip = "203.0.113.10",
  ) {}

  private headers(extra: Record<string, string> = {}): Headers {
    // The address Hearth's server would stamp on the request (lib/server), as if from this client.
    const h = new Headers({ origin: ORIGIN, "x-hearth-client-ip": this.ip, ...extra });
    if (this.cookies.size) h.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    return h;
  }

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

  async post(path: string, body: unknown): Promise<Response> {
    const req = new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify(body),
    });
    const res = await this.routes.auth.POST(req, undefined as never);
    this.remember(res);
    return res;
  }

  signUp(email: string, password: string, name = email.split("@")[0]!) {
    return this.post("/sign-up/email", { email, password, name });
  }

  signIn(email: string, password: string) {
    return this.post("/sign-in/email", { email, password });
  }

  async me(): Promise<Response> {
    return this.routes.me.GET(
      new Request(`${ORIGIN}/api/me`, { headers: this.headers() }),
      undefined as never,
    );
  }
}
