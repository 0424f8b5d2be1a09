// An app on a free port with a throwaway in-memory database and the demo seed, the client built
// from source, and headless Debian chromium driven by playwright-core.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildApp, type App } from "../../server/app.ts";
import { buildServices } from "../../server/compose.ts";
import { loadEnv } from "../../server/env.ts";
import { openDatabase } from "../../server/db/client.ts";
import { seedDemo } from "../../server/seed.ts";
import { markBookingPaid } from "../../server/bookings/booking-commands.ts";
import type { Services } from "../../server/services.ts";
import { afterAll, beforeAll } from "vitest";

export const ROOT = resolve(import.meta.dirname, "../..");
export const SCREENSHOTS = join(ROOT, "test-results");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function buildClient(): void {
  execFileSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "client", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startApp(): Promise<{ app: App; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = loadEnv({ PORT: String(port), PUBLIC_URL: baseUrl, PGLITE_DATA_DIR: "memory", SEED_DEMO: "false", NODE_ENV: "test" });
  const database = await openDatabase({ pgliteDataDir: "memory" });
  const app = await buildApp(await buildServices(env, { database, emailIntervalMs: 0 }));
  await seedDemo(app.services);
  await app.start(port, "127.0.0.1");
  return { app, baseUrl };
}

export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  // playwright-core gives every launch a fresh temporary profile (its own --user-data-dir).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

export async function newContext(browser: Browser, baseURL: string, phone = false): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: phone ? { width: 375, height: 812 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Collects uncaught page errors and failed GraphQL responses so a test can assert none. */
export function watchErrors(page: Page, errors: string[]): void {
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()}: console: ${message.text()}`);
  });
}

/**
 * The app (client built, demo seeded) and a browser for one test file: started before its
 * tests, stopped after them. Read the fields inside tests, once they are set.
 */
export function useBrowserApp(): { app: App; baseUrl: string; browser: Browser } {
  const e2e = {} as { app: App; baseUrl: string; browser: Browser };
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    buildClient();
    Object.assign(e2e, await startApp());
    const launched = await launchBrowser();
    e2e.browser = launched.browser;
    closeBrowser = launched.close;
  });
  afterAll(async () => {
    await closeBrowser?.();
    await e2e.app?.stop();
  });
  return e2e;
}

/**
 * Marks a booking paid as the payment simulator's checkout does: the card authorised (not yet
 * charged), through a verified checkout.session.completed. Returns the payment intent's id.
 */
export async function paidAsSimulatorPays(services: Services, bookingId: string): Promise<string> {
  const paymentIntentId = `pi_sim_${bookingId.replace(/-/g, "")}`;
  await markBookingPaid(services, {
    bookingId,
    paymentIntentId,
    captured: false,
    event: { id: `evt_e2e_${bookingId}`, type: "checkout.session.completed" },
  });
  return paymentIntentId;
}
