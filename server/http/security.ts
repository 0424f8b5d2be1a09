// HTTP hardening for every route the app serves: CORS limited to CORS_ORIGINS, security headers
// on every response, 400 for a URL that cannot be decoded, and a bound on request bodies.
//
// Written here rather than taken from helmet: helmet (and cors) are Express/Node middlewares
// that write to a Node ServerResponse, while every route here answers a Fetch Response through
// Yoga's plugin pipeline; the headers below are the ones helmet sets by default, kept to what
// this app needs.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Plugin } from "graphql-yoga";
import type { Env } from "../env.ts";

/** The largest request body the app reads (a GraphQL document is bounded by its token limit). */
export const MAX_BODY_BYTES = 100_000;

/** Yoga's `cors` option: only the listed origins, never with credentials (auth is a bearer header). */
export function corsOptions(env: Pick<Env, "corsOrigins">) {
  return (request: Request) => {
    const origin = request.headers.get("origin");
    if (!origin || !env.corsOrigins.includes(origin)) return false as const;
    return {
      origin: [origin],
      credentials: false,
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: ["authorization", "content-type", "x-graphql-yoga-csrf", "graphql-client-name"],
      maxAge: 600,
    };
  };
}

/** Whether a browser page from `origin` may open the graphql-ws socket (no Origin: not a browser). */
export function allowedSocketOrigin(env: Pick<Env, "corsOrigins" | "publicUrl">, origin: string | undefined): boolean {
  if (origin === undefined) return true;
  return origin === new URL(env.publicUrl).origin || env.corsOrigins.includes(origin);
}

function contentSecurityPolicy(publicUrl: string): string {
  const url = new URL(publicUrl);
  const socket = `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The simulator pages carry their own <style>; the client sets inline style properties.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${socket}`,
    // The simulators' forms post to themselves and then redirect to the app.
    `form-action 'self' ${url.origin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** True when the path contains an escape that is not valid percent-encoded UTF-8. */
function undecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** GraphQL over GET: `variables` and `extensions`, when given, must be JSON objects. */
function malformedSearchParams(params: URLSearchParams): string | null {
  for (const name of ["variables", "extensions"]) {
    const raw = params.get(name);
    if (raw === null || raw === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return `The ${name} parameter is not valid JSON.`;
    }
    if (value !== null && (typeof value !== "object" || Array.isArray(value))) return `The ${name} parameter must be a JSON object.`;
  }
  return null;
}

export function useHttpSecurity(env: Pick<Env, "publicUrl">, options: { apiPath: string }): Plugin {
  const csp = contentSecurityPolicy(env.publicUrl);
  return {
    onRequest({ request, url, endResponse }) {
      if (undecodable(url.pathname)) {
        return endResponse(
          new Response("Bad request: the URL is not valid.\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } }),
        );
      }
      if (url.pathname === options.apiPath) {
        const problem = malformedSearchParams(url.searchParams);
        if (problem)
          return endResponse(Response.json({ errors: [{ message: problem, extensions: { code: "BAD_REQUEST" } }] }, { status: 400 }));
      }
      const length = Number(request.headers.get("content-length") ?? "0");
      if (!Number.isFinite(length) || length > MAX_BODY_BYTES) {
        return endResponse(
          Response.json(
            {
              errors: [
                {
                  message: `The request body is larger than ${MAX_BODY_BYTES.toLocaleString("en-US")} bytes.`,
                  extensions: { code: "PAYLOAD_TOO_LARGE" },
                },
              ],
            },
            { status: 413 },
          ),
        );
      }
    },
    onResponse({ request, response }) {
      const headers = response.headers;
      headers.set("x-content-type-options", "nosniff");
      headers.set("referrer-policy", "no-referrer");
      headers.set("x-frame-options", "DENY");
      headers.set("cross-origin-opener-policy", "same-origin");
      const type = headers.get("content-type") ?? "";
      const path = new URL(request.url).pathname;
      // GraphiQL (development only) loads its own scripts; every other page gets the strict policy.
      if (type.startsWith("text/html") && path !== options.apiPath) headers.set("content-security-policy", csp);
      else if (!type.startsWith("text/html")) headers.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
      // API answers are per caller: never stored by a browser or a proxy.
      if (path === options.apiPath || path.startsWith("/webhooks/")) headers.set("cache-control", "no-store");
    },
  };
}

/**
 * For the Node server: a POST must say its length (every browser and HTTP client does for a
 * JSON or form body), so that useHttpSecurity can refuse an oversized body before it is read.
 * A chunked upload of unknown length gets 411. (In-process requests through yoga.fetch, such
 * as the simulators' signed events, do not pass here.)
 */
export function requireContentLength(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST" && req.headers["content-length"] === undefined) {
      res.writeHead(411, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end("Length required.\n");
      return;
    }
    listener(req, res);
  };
}
