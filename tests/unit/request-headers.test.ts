import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-ip";
import { requestOrigin } from "@/lib/http/request-origin";

describe("clientIp", () => {
  it("reads only the address Hearth's server stamped, never one a client could send", () => {
    expect(clientIp(new Headers({ "x-hearth-client-ip": "10.0.0.7", "x-forwarded-for": "6.6.6.6" }))).toBe(
      "10.0.0.7",
    );
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("unknown");
    expect(clientIp(new Headers({ "x-real-ip": "10.1.1.1" }))).toBe("unknown");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});

describe("requestOrigin", () => {
  it("is the origin the browser used, from Host or a proxy's forwarded host", () => {
    expect(requestOrigin(new Headers({ host: "192.168.1.5:3000" }), "http:")).toBe("http://192.168.1.5:3000");
    expect(
      requestOrigin(
        new Headers({ host: "internal:3000", "x-forwarded-host": "chat.home", "x-forwarded-proto": "https" }),
        "http:",
      ),
    ).toBe("https://chat.home");
    expect(requestOrigin(new Headers({ host: "evil/../x" }), "http:")).toBeUndefined();
    expect(requestOrigin(new Headers(), "http:")).toBeUndefined();
  });
});
