// The built client served from memory, through Yoga's fetch with the app's HTTP security plugin
// (its headers are on every static answer too), on a client directory of the test's own.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSchema, createYoga } from "graphql-yoga";
import { afterAll, describe, expect, it } from "vitest";
import { useHttpSecurity } from "./http/security.ts";
import { useStaticClient } from "./static-files.ts";

const schema = createSchema({ typeDefs: "type Query { ok: Boolean }", resolvers: { Query: { ok: () => true } } });
const root = mkdtempSync(join(tmpdir(), "static-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
function clientDir(files: Record<string, string>): string {
  const dir = join(root, `client-${dirs++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const BUILT = {
  "index.html": "<!doctype html><title>client</title>",
  "assets/index-abc123.js": "console.log('app')",
  "assets/index-abc123.css": "body{}",
  "favicon.ico": "icon",
};

function server(dir: string, recheckMs?: number) {
  const yoga = createYoga({
    schema,
    logging: false,
    graphiql: false,
    plugins: [useHttpSecurity({ publicUrl: "http://test" }, { apiPath: "/graphql" }), useStaticClient(dir, ["/graphql"], { recheckMs })],
  });
  return (path: string, init: RequestInit = {}) => yoga.fetch(`http://test${path}`, init);
}

describe("useStaticClient", () => {
  const get = server(clientDir({ ...BUILT, "../secret.txt": "not for the web" }));

  it("answers / and the client's own routes with index.html, never cached without asking", async () => {
    for (const path of ["/", "/index.html", "/bookings/abc", "/assets/gone-999.js"]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(BUILT["index.html"]);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toContain("default-src");
    }
  });

  it("serves hashed assets as immutable with their type, and other files as no-cache", async () => {
    const script = await get("/assets/index-abc123.js");
    expect(await script.text()).toBe(BUILT["assets/index-abc123.js"]);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(script.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const style = await get("/assets/index-abc123.css");
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const icon = await get("/favicon.ico");
    expect(await icon.text()).toBe("icon");
    expect(icon.headers.get("content-type")).toBe("image/x-icon");
    expect(icon.headers.get("cache-control")).toBe("no-cache");
  });

  it("never serves a file outside the client directory, however the path is written", async () => {
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt"]) {
      const response = await get(path);
      expect(await response.text(), path).toBe(BUILT["index.html"]);
    }
  });

  it("leaves reserved paths and other methods to the rest of the server", async () => {
    const api = await get("/graphql?query=%7Bok%7D");
    expect(await api.json()).toEqual({ data: { ok: true } });
    const posted = await get("/", { method: "POST", body: "x" });
    expect(await posted.text()).not.toBe(BUILT["index.html"]);
  });

  it("answers a HEAD like a GET", async () => {
    const response = await get("/assets/index-abc123.js", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });
});

describe("useStaticClient without a built client", () => {
  it("answers / with a page that says so, and picks up a client built later", async () => {
    const dir = join(root, "not-built-yet");
    const get = server(dir, 50);
    const placeholder = await get("/");
    expect(await placeholder.text()).toContain("The client has not been built");
    expect(placeholder.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect((await get("/bookings/abc")).status).toBe(404);

    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>built</title>");
    await new Promise((resolve) => setTimeout(resolve, 80));
    await get("/"); // looks again
    expect(await (await get("/bookings/abc")).text()).toBe("<!doctype html><title>built</title>");
  });
});
