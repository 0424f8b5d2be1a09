import { describe, expect, it } from "vitest";
import { isForbiddenAddress, parseWebhookUrl } from "./address-guard.ts";

describe("isForbiddenAddress", () => {
  it("refuses private, loopback, link-local, unique-local, CGNAT, multicast and reserved addresses, IPv4-mapped ones too", () => {
    for (const address of [
      "127.0.0.1",
      "127.255.0.9",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.10",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.254",
      "224.0.0.251",
      "239.255.255.250",
      "255.255.255.255",
      "0.0.0.0",
      "::",
      "::1",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "ff02::1",
      "::ffff:10.0.0.1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::a00:1",
      "not an address",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
  });

  it("allows public addresses", () => {
    for (const address of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });
});

describe("parseWebhookUrl", () => {
  const strict = { allowPrivate: false };
  it("takes https URLs like the session links, dropping the fragment", () => {
    expect(parseWebhookUrl("url", " https://partner.example.com/hooks?x=1#frag ", strict).href).toBe(
      "https://partner.example.com/hooks?x=1",
    );
  });
  it("names the rule that failed", () => {
    for (const [url, rule] of [
      ["", "required"],
      ["partner.example.com", "url"],
      ["http://partner.example.com", "https"],
      ["https://a:b@partner.example.com", "no_credentials"],
      ["https://127.0.0.1", "private_address"],
      ["https://[::ffff:192.168.0.1]", "private_address"],
      ["https://0x7f000001", "private_address"],
      ["https://api.localhost", "private_address"],
    ] as const) {
      expect(() => parseWebhookUrl("url", url, strict), url).toThrow(expect.objectContaining({ field: "url", rule }));
    }
  });
  it("in development, with the override, allows http:// and private addresses", () => {
    expect(parseWebhookUrl("url", "http://127.0.0.1:3000/hooks", { allowPrivate: true }).href).toBe("http://127.0.0.1:3000/hooks");
  });
});
