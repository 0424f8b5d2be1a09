// Serves the built client (client/dist) on the API's port; unknown paths get index.html so
// that client-side routes such as /bookings/<id> work on reload.
// The built client is small (a page, a few scripts and styles): it is read into memory once, in
// the background when the server starts, and served from there, so a request never waits on the
// disk nor blocks the event loop reading it. A client built after the server started is picked
// up on a later request (the directory is looked at again at most every RECHECK_MS while there is
// no build); a client rebuilt under a running server needs a restart.
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
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

/** Without a build, how often a request may look for one again. */
const RECHECK_MS = 5_000;

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

/** Every file under `dir`, by its URL path ("/assets/index-abc.js"), with its response headers; null without index.html. */
export async function loadClient(dir: string): Promise<Map<string, Asset> | null> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return null;
  }
  const assets = new Map<string, Asset>();
  await Promise.all(
    names.map(async (file) => {
      const path = `/${relative(dir, file).split(sep).join("/")}`;
      // Hashed build output under /assets/ never changes under its name; everything else may.
      const immutable = path.startsWith("/assets/");
      assets.set(path, {
        body: await readFile(file),
        headers: {
          "content-type": TYPES[extname(file)] ?? "application/octet-stream",
          "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
          "x-content-type-options": "nosniff",
        },
      });
    }),
  );
  return assets.has("/index.html") ? assets : null;
}

/** The URL path as a key of the loaded files, or null when it cannot be decoded. */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

export function useStaticClient(dir = CLIENT_DIST, reserved: string[] = [], options: { recheckMs?: number } = {}): Plugin {
  const recheckMs = options.recheckMs ?? RECHECK_MS;
  // Read in the background from the start, so that the first page is not slower than the rest.
  let loaded = loadClient(dir);
  let checkedAt = Date.now();
  const client = async () => {
    const assets = await loaded;
    if (assets || Date.now() - checkedAt < recheckMs) return assets;
    // No build yet when last looked: look again.
    checkedAt = Date.now();
    loaded = loadClient(dir);
    return loaded;
  };
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== "GET" && request.method !== "HEAD") return;
      if (reserved.some((prefix) => url.pathname.startsWith(prefix))) return;
      const assets = await client();
      if (!assets) {
        if (url.pathname === "/") endResponse(new Response(PLACEHOLDER, { headers: { "content-type": TYPES[".html"]! } }));
        return;
      }
      const path = decodedPath(url.pathname);
      const asset = (path !== null && assets.get(path)) || assets.get("/index.html")!;
      endResponse(new Response(asset.body, { headers: asset.headers }));
    },
  };
}
