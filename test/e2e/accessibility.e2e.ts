// axe-core on every page, signed out and as each role, at desktop and phone width: no violation
// of serious or critical impact. Also: one h1 per page, the page title names the page, the skip
// link moves focus to the content, and a route change moves focus to the new page's heading.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { newContext, watchErrors, useBrowserApp } from "./harness.ts";

// Injected through the DevTools protocol (page.evaluate), which the pages' strict CSP allows.
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const e2e = useBrowserApp();
const errors: string[] = [];

const T = { timeout: 15_000 };

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical axe violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

async function signIn(page: Page, email: string, home: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**${home}`, T);
}

const SETTLED = ".loading";

/** Opens `path` (in the app or on the server) and waits until its content has loaded. */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.locator("h1").first().waitFor(T);
  await expect.poll(() => page.locator(SETTLED).count(), T).toBe(0);
}

test("every page passes axe (no serious or critical violations) at desktop and phone width", async () => {
  const { db } = e2e.app.services;
  const booking = await db.booking.findFirstOrThrow({ where: { status: "PENDING" } });
  const unpaid = await db.booking.findFirstOrThrow({ where: { status: "AWAITING_PAYMENT" } });
  const maria = await db.user.findUniqueOrThrow({ where: { email: "maria@demo.test" } });
  const mariaLedger = `/admin/mentors/${encodeURIComponent(Buffer.from(`User:${maria.id}`).toString("base64"))}/ledger`;
  const pages: { who: string | null; home: string; paths: string[] }[] = [
    { who: null, home: "/sign-in", paths: ["/sign-in", "/sign-up", "/mentors", "/no-such-page", "/dev/emails", `/pay/${unpaid.id}`] },
    {
      who: "maria@demo.test",
      home: "/dashboard",
      paths: [
        "/dashboard",
        "/dashboard?tab=confirmed",
        "/dashboard?tab=completed",
        "/dashboard?tab=declined",
        "/dashboard?tab=all",
        "/session-types",
        "/earnings",
        "/developers",
        `/bookings/${booking.id}`,
      ],
    },
    {
      who: "mia@demo.test",
      home: "/mentors",
      paths: ["/mentors", "/bookings", `/bookings/${booking.id}`, `/bookings/${unpaid.id}`, "/account"],
    },
    { who: "admin@demo.test", home: "/admin", paths: ["/admin", `/bookings/${booking.id}`, mariaLedger, "/mentors", "/developers"] },
  ];
  const problems: string[] = [];
  for (const phone of [false, true]) {
    for (const { who, home, paths } of pages) {
      const context = await newContext(e2e.browser, e2e.baseUrl, phone);
      const page = await context.newPage();
      watchErrors(page, errors);
      if (who) await signIn(page, who, home);
      for (const path of paths) {
        await visit(page, path);
        const where = `${phone ? "phone" : "desktop"} ${who ?? "signed out"} ${path}`;
        for (const violation of await seriousViolations(page)) problems.push(`${where}: ${violation}`);
        if ((await page.locator("h1").count()) !== 1) problems.push(`${where}: ${await page.locator("h1").count()} h1 elements`);
        // Nothing wider than the screen (the status tabs included).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${where}: ${overflow}px wider than the screen`);
      }
      // Forms opened on a card pass too.
      if (who === "maria@demo.test") {
        await visit(page, "/dashboard");
        await page.getByRole("button", { name: "Decline…" }).first().click();
        for (const violation of await seriousViolations(page)) problems.push(`${phone ? "phone" : "desktop"} decline form: ${violation}`);
      }
      await context.close();
    }
  }
  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});

test("titles name the page; the skip link and route changes move focus to the content", async () => {
  const context = await newContext(e2e.browser, e2e.baseUrl);
  const page = await context.newPage();
  watchErrors(page, errors);
  await signIn(page, "maria@demo.test", "/dashboard");
  await expect.poll(() => page.title(), T).toMatch(/Bookings · Mentorship bookings$/);
  // A route change: the new page's heading has focus, and the title follows.
  await page.getByRole("link", { name: "Earnings" }).click();
  await page.getByRole("heading", { name: "Earnings", level: 1 }).waitFor(T);
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), T).toBe("Earnings");
  await expect.poll(() => page.title(), T).toMatch(/^(\(\d+\) )?Earnings · Mentorship bookings$/);
  // The skip link is the first stop and takes focus to the main content.
  await page.goto("/session-types");
  await page.getByRole("heading", { name: "Session types", level: 1 }).waitFor(T);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Skip to content");
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  expect(page.url()).toMatch(/\/session-types$/);
  // Escape closes an open Decline form and gives focus back to its button.
  await page.goto("/dashboard");
  const decline = page.getByRole("button", { name: "Decline…" }).first();
  await decline.click();
  await page.getByLabel("Reason for declining (shown to the mentee)").waitFor(T);
  await page.keyboard.press("Escape");
  await page.getByLabel("Reason for declining (shown to the mentee)").waitFor({ state: "detached", ...T });
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), T).toBe("Decline…");
  await context.close();
  expect(errors).toEqual([]);
});
