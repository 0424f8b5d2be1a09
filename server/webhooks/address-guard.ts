// Where webhooks may go: public addresses only. A URL is checked when it is registered and
// again at every delivery, where the name is resolved once, every address it resolves to is
// checked, and the connection goes to the checked address (the `lookup` given to the request),
// so a DNS answer that changes between the check and the connection (DNS rebinding) cannot
// send a request inside our network. IPv4-mapped IPv6 addresses are checked as the IPv4 address
// they carry (net.BlockList does that).
import { BlockList, isIP } from "node:net";
import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { ValidationError } from "../shared/errors.ts";

export const MAX_URL_LENGTH = 2048;
const DNS_TIMEOUT_MS = 3000;

/** Not public: private, loopback, link-local, unique-local, CGNAT, multicast, reserved. */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT (shared address space)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b::", 96], // NAT64 (carries IPv4 addresses)
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (carries IPv4 addresses)
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, "ipv6");
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return FORBIDDEN.check(address, family === 4 ? "ipv4" : "ipv6");
}

export interface UrlPolicy {
  /** ALLOW_PRIVATE_WEBHOOK_URLS (development and tests only): http:// and private addresses allowed. */
  allowPrivate: boolean;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** The URL's form, like the session links (server/bookings/links.ts), and a literal address's range. */
export function parseWebhookUrl(field: string, raw: string, policy: UrlPolicy): URL {
  const value = raw.trim();
  if (value.length === 0) throw new ValidationError(field, "required", `${field} is required.`);
  if (value.length > MAX_URL_LENGTH)
    throw new ValidationError(field, "max_length", `${field} must be at most ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(field, "url", `${field} must be a complete URL such as https://partner.example.com/webhooks.`);
  }
  if (url.protocol !== "https:" && !(policy.allowPrivate && url.protocol === "http:")) {
    throw new ValidationError(field, "https", `${field} must start with https://.`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new ValidationError(field, "no_credentials", `${field} must not contain a user name or password.`);
  }
  if (url.href.length > MAX_URL_LENGTH)
    throw new ValidationError(field, "max_length", `${field} must be at most ${MAX_URL_LENGTH} characters.`);
  url.hash = "";
  const host = hostOf(url);
  if (!policy.allowPrivate && (isIP(host) ? isForbiddenAddress(host) : host === "localhost" || host.endsWith(".localhost"))) {
    throw privateAddress(field);
  }
  return url;
}

const privateAddress = (field: string) =>
  new ValidationError(
    field,
    "private_address",
    `${field} must reach a public address, not a private, loopback, link-local or multicast one.`,
  );

/** The addresses a name resolves to now; empty when it does not resolve (in time). */
async function resolveAll(host: string): Promise<{ address: string; family: number }[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`resolving ${host} took longer than ${DNS_TIMEOUT_MS} ms`)), DNS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Registration: the form, then what the name resolves to now. A name that resolves to any
 * forbidden address is refused; one that does not resolve yet is accepted (deliveries check again).
 */
export async function checkWebhookUrl(field: string, raw: string, policy: UrlPolicy): Promise<string> {
  const url = parseWebhookUrl(field, raw, policy);
  const host = hostOf(url);
  if (!policy.allowPrivate && !isIP(host)) {
    const addresses = await resolveAll(host).catch(() => []);
    if (addresses.some((entry) => isForbiddenAddress(entry.address))) throw privateAddress(field);
  }
  return url.href;
}

export class ForbiddenAddressError extends Error {}

/**
 * A `lookup` for http(s).request: resolves once, refuses the connection when any address is
 * forbidden, and hands the socket the address it checked (never a second resolution).
 */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new Error(`${hostname} does not resolve`), "", 4);
        const bad = addresses.find((entry) => isForbiddenAddress(entry.address));
        if (bad && !policy.allowPrivate) {
          return callback(new ForbiddenAddressError(`${hostname} resolves to ${bad.address}, which is not a public address`), "", 4);
        }
        const chosen = addresses[0]!;
        if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: typeof addresses) => void)(null, [chosen]);
        else callback(null, chosen.address, chosen.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 4),
    );
  };
}

/** Delivery: a literal address in the URL is checked here (a socket to an IP literal skips `lookup`). */
export function checkLiteralHost(url: URL, policy: UrlPolicy): void {
  const host = hostOf(url);
  if (!policy.allowPrivate && isIP(host) && isForbiddenAddress(host)) {
    throw new ForbiddenAddressError(`${host} is not a public address`);
  }
}
