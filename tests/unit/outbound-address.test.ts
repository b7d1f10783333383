import { describe, expect, it } from "vitest";
import { refuseAddress } from "@/lib/security/outbound-address";

const strict = { allowPrivate: false };
const lan = { allowPrivate: true };

describe("addresses webhooks may reach", () => {
  it.each([
    "169.254.169.254",
    "::ffff:169.254.169.254",
    "::ffff:a9fe:a9fe",
    "0:0:0:0:0:ffff:a9fe:a9fe",
    "0000:0000:0000:0000:0000:FFFF:A9FE:A9FE",
    "::ffff:0:a9fe:a9fe",
    "64:ff9b::a9fe:a9fe",
    "2002:a9fe:a9fe::",
    "::a9fe:a9fe",
    "fd00:ec2::254",
    "[fd00:ec2::254]",
  ])("never the cloud metadata service: %s", (address) => {
    expect(refuseAddress(address, lan)).toMatch(/cloud metadata/);
  });

  it.each([
    "169.254.1.1",
    "fe80::1",
    "224.0.0.251",
    "ff02::1",
    "0.0.0.0",
    "::",
    "255.255.255.255",
    "240.0.0.1",
  ])("never link-local, multicast, unspecified or reserved: %s", (address) => {
    expect(refuseAddress(address, lan)).toMatch(/never reach/);
  });

  it.each([
    "127.0.0.1",
    "::1",
    "::ffff:127.0.0.1",
    "10.0.0.8",
    "192.168.1.20",
    "172.16.5.4",
    "fd12:3456::1",
    "100.64.1.1",
  ])("loopback and private only when an admin allows them: %s", (address) => {
    expect(refuseAddress(address, strict)).toMatch(/an admin can allow/);
    expect(refuseAddress(address, lan)).toBeNull();
  });

  it.each(["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:93.184.216.34"])(
    "any public address: %s",
    (address) => {
      expect(refuseAddress(address, strict)).toBeNull();
    },
  );
});
