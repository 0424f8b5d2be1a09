// Serves the built client (client/dist) on the API's port; unknown paths get index.html so
// that client-side routes such as /bookings/<id> work on reload.
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { Plugin } from "graphql-yoga";
import { rootPath } from "./shared/root.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

export const CLIENT_DIST = rootPath("client", "dist");

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mentorship bookings</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Mentorship bookings API</h1><p>The client has not been built. The GraphQL API is at <a href="/graphql">/graphql</a>.</p></body></html>`;

export function useStaticClient(dir = CLIENT_DIST, reserved: string[] = []): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== "GET" && request.method !== "HEAD") return;
      if (reserved.some((prefix) => url.pathname.startsWith(prefix))) return;
      const index = join(dir, "index.html");
      if (!existsSync(index)) {
        if (url.pathname === "/") endResponse(new Response(PLACEHOLDER, { headers: { "content-type": TYPES[".html"]! } }));
        return;
      }
      const file = normalize(join(dir, decodeURIComponent(url.pathname)));
      const inside = file.startsWith(dir + sep);
      const target = inside && existsSync(file) && statSync(file).isFile() ? file : index;
      const immutable = target !== index && url.pathname.startsWith("/assets/");
      endResponse(
        new Response(readFileSync(target), {
          headers: {
            "content-type": TYPES[extname(target)] ?? "application/octet-stream",
            "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
            "x-content-type-options": "nosniff",
          },
        }),
      );
    },
  };
}
