// GraphiQL in development works offline: its page carries its own scripts and styles (from the
// installed @graphql-yoga/render-graphiql) and loads nothing from a CDN. Production has none.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

it("serves GraphiQL with every asset inline, nothing from another host", async () => {
  expect(t.env.development).toBe(true);
  const response = await fetch(`${t.url}/graphql`, { headers: { accept: "text/html" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  const html = await response.text();
  expect(html).toContain("<title>");
  expect(html.length).toBeGreaterThan(1_000_000); // the GraphiQL bundle itself
  // No <script src> or <link href> to another host (unpkg, jsDelivr, esm.sh, ...).
  const external = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(https?:)?\/\/[^"]*"/g)].map((m) => m[0]);
  expect(external).toEqual([]);
  expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr\.net|esm\.sh/);
});
