// The Developers page in a browser: a mentor creates an API key, sees its secret once (focused,
// with a copy button), and after Done or a reload only the key's prefix is left; the key works
// until revoked. A webhook URL on a private address is refused under its field. The mentor gives
// and takes back partner apps' access, each answer confirmed first and sent for the app it was
// asked about, even when the list changes under the open confirmation. A mentor registers an
// endpoint (a local receiver that verifies every delivery), sees the delivery a booking change
// made, and redelivers it.
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import type { AuthenticatedUser } from "../../server/accounts/auth.ts";
import { createApiKey, revokeApiKey } from "../../server/accounts/api-keys.ts";
import { grantPartnerAccess } from "../../server/accounts/partner-grants.ts";
import { newContext, screenshot, useBrowserApp, watchErrors } from "./harness.ts";
import { startReceiver } from "../support/webhook-receiver.ts";

const e2e = useBrowserApp();
const T = { timeout: 15_000 };

test("a mentor creates an API key and sees its secret once", async () => {
  const context = await newContext(e2e.browser, e2e.baseUrl);
  const page = await context.newPage();
  const errors: string[] = [];
  watchErrors(page, errors);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("maria@demo.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard", T);

  await page.getByRole("link", { name: "Developers" }).click();
  await page.getByRole("heading", { level: 1, name: "Developers" }).waitFor(T);
  await page.getByText("No API keys yet.").waitFor(T);

  // The scope and event checkboxes: groups named by their legends, each box named by its label
  // and drawn right beside it, toggled from the keyboard.
  const scopes = page.getByRole("group", { name: "Scopes" });
  const events = page.getByRole("group", { name: "Events" });
  for (const [group, name] of [
    [scopes, "Read the mentor catalogue"],
    [events, "booking.links_added"],
  ] as const) {
    const box = group.getByRole("checkbox", { name });
    const boxAt = (await box.boundingBox())!;
    const labelAt = (await group.getByText(name, { exact: true }).boundingBox())!;
    expect(boxAt.width).toBeLessThan(30);
    expect(labelAt.x - (boxAt.x + boxAt.width)).toBeGreaterThanOrEqual(0);
    expect(labelAt.x - (boxAt.x + boxAt.width)).toBeLessThan(16);
    expect(Math.abs(labelAt.y + labelAt.height / 2 - (boxAt.y + boxAt.height / 2))).toBeLessThan(6);
  }
  const catalogue = scopes.getByRole("checkbox", { name: "Read the mentor catalogue" });
  expect(await catalogue.isChecked()).toBe(false);
  await catalogue.focus();
  await page.keyboard.press("Space");
  expect(await catalogue.isChecked()).toBe(true);
  await page.keyboard.press("Space");
  expect(await catalogue.isChecked()).toBe(false);
  await screenshot(page, "developers-forms");

  // Checks before sending: a name is required, and focus goes to it.
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByText("Name is required.").waitFor(T);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("key-name");

  await page.getByLabel("Name").fill("Calendar sync");
  await page.getByRole("button", { name: "Create key" }).click();
  const secretBox = page.getByRole("region", { name: "Your new API key" });
  await secretBox.waitFor(T);
  const secret = (await secretBox.getByTestId("secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^mbk_/);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("new-key-secret");
  await expect.poll(() => secretBox.getByRole("button", { name: "Copy your new api key" }).count(), T).toBe(1);

  // The list shows the key by name and prefix, never the secret.
  const list = page.getByRole("list", { name: "Your API keys" });
  await list.getByText("Calendar sync").waitFor(T);
  expect(await list.textContent()).not.toContain(secret);

  // The key works against the API.
  const answer = await fetch(`${e2e.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: "{ viewer { email } }" }),
  });
  expect(((await answer.json()) as { data: { viewer: { email: string } } }).data.viewer.email).toBe("maria@demo.test");

  // Done hides it; a reload does not bring it back.
  await secretBox.getByRole("button", { name: "Done" }).click();
  await expect.poll(() => page.getByTestId("secret").count(), T).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("key-name");
  await page.reload();
  await page.getByRole("list", { name: "Your API keys" }).getByText("Calendar sync").waitFor(T);
  expect(await page.content()).not.toContain(secret);

  // Revoke it: the row says so and the key stops working.
  await page.getByRole("button", { name: "Revoke Calendar sync" }).click();
  await page.getByText(/revoked/).waitFor(T);
  const refused = await fetch(`${e2e.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: "{ viewer { email } }" }),
  });
  const refusedBody = (await refused.json()) as { data?: { viewer: unknown } };
  expect(refusedBody.data?.viewer ?? null).toBeNull();

  // A webhook endpoint on a private address is refused under the URL field, which gets focus.
  await page.getByLabel("Endpoint URL").fill("https://127.0.0.1/hooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByText("The URL must reach a public address, not a private or local one.").waitFor(T);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("hook-url");
  expect(await page.getByRole("region", { name: "Signing secret" }).count()).toBe(0);

  // The cost budget is shown.
  await page.getByText(/points available/).waitFor(T);

  expect(errors).toEqual([]);
  await context.close();
});

async function user(email: string): Promise<AuthenticatedUser> {
  const found = await e2e.app.services.db.user.findUniqueOrThrow({ where: { email } });
  return { id: found.id, role: found.role, tokenId: "" };
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard", T);
}

test("a mentor gives and takes back partner apps' access, each answer landing on the app it was asked for", async () => {
  const { db } = e2e.app.services;
  const admin = await user("admin@demo.test");
  const mentor = await user("sam@demo.test");
  const partner = async (name: string) =>
    (await createApiKey(db, admin, { name, scopes: ["catalog:read", "bookings:read", "webhooks:manage"] })).apiKey.id;
  const alpha = await partner("Alpha Scheduling");
  const beta = await partner("Beta CRM");
  const gamma = await partner("Gamma Analytics");
  const grants = async () =>
    (await db.partnerGrant.findMany({ where: { mentorId: mentor.id }, select: { apiKeyId: true } })).map((g) => g.apiKeyId).sort();

  const context = await newContext(e2e.browser, e2e.baseUrl);
  const page = await context.newPage();
  const errors: string[] = [];
  watchErrors(page, errors);
  const email = (await db.user.findUniqueOrThrow({ where: { id: mentor.id } })).email;
  await signIn(page, email);
  await page.getByRole("link", { name: "Developers" }).click();
  const list = page.getByRole("list", { name: "Partner apps" });
  await list.getByText("Gamma Analytics").waitFor(T);
  const row = (name: string) => list.getByRole("listitem").filter({ hasText: name });
  expect(await list.getByRole("listitem").allTextContents()).toEqual([
    expect.stringContaining("Alpha Scheduling"),
    expect.stringContaining("Beta CRM"),
    expect.stringContaining("Gamma Analytics"),
  ]);

  // Give Beta access: asked first, then granted; nothing for the others.
  await page.getByRole("button", { name: "Give access to Beta CRM" }).click();
  await row("Beta CRM").getByText("Give Beta CRM access to your bookings?").waitFor(T);
  // Keep as it is changes nothing and puts focus back on the button.
  await row("Beta CRM").getByRole("button", { name: "Keep as it is" }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")), T).toBe("Give access to Beta CRM");
  expect(await grants()).toEqual([]);
  await page.getByRole("button", { name: "Give access to Beta CRM" }).click();
  await row("Beta CRM").getByRole("button", { name: "Yes, give access" }).click();
  await row("Beta CRM")
    .getByText(/Has access since/)
    .waitFor(T);
  expect(await grants()).toEqual([beta]);
  expect(await row("Alpha Scheduling").getByTestId("partner-access").textContent()).toBe("No access");

  // The mentor opens "take back" on Beta; meanwhile the platform withdraws Alpha (Beta moves up a
  // place), adds a partner app, and Gamma is granted from another tab. The list refetches (focus).
  await page.getByRole("button", { name: "Take back access from Beta CRM" }).click();
  const confirmation = row("Beta CRM").getByRole("group", { name: /Take back Beta CRM's access\?/ });
  await confirmation.waitFor(T);
  await revokeApiKey(db, admin, alpha);
  const newcomer = await partner("Aardvark Billing");
  await grantPartnerAccess(db, mentor, gamma);
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect.poll(() => list.getByText("Alpha Scheduling").count(), T).toBe(0);
  await list.getByText("Aardvark Billing").waitFor(T);
  await row("Gamma Analytics")
    .getByText(/Has access since/)
    .waitFor(T);
  // The confirmation is still open on Beta, in Beta's row (now first), and nowhere else.
  expect(await list.getByRole("listitem").first().textContent()).toContain("Beta CRM");
  expect(await confirmation.isVisible()).toBe(true);
  expect(await list.getByRole("group").count()).toBe(1);
  await screenshot(page, "developers-partner-apps-confirm");

  await confirmation.getByRole("button", { name: "Yes, take back access" }).click();
  await expect.poll(async () => row("Beta CRM").getByTestId("partner-access").textContent(), T).toBe("No access");
  // Beta lost its access; Gamma (granted elsewhere) and the newcomer are as they were.
  expect(await grants()).toEqual([gamma]);
  expect(await row("Gamma Analytics").getByTestId("partner-access").textContent()).toMatch(/Has access since/);
  expect(await row("Aardvark Billing").getByTestId("partner-access").textContent()).toBe("No access");
  expect(await db.partnerGrant.count({ where: { apiKeyId: newcomer } })).toBe(0);

  expect(errors).toEqual([]);
  await context.close();
});

test("a mentor registers a webhook endpoint, sees the delivery a booking change made, and redelivers it", async () => {
  const { db, env } = e2e.app.services;
  // The development override (ALLOW_PRIVATE_WEBHOOK_URLS), read on each request and delivery, for
  // this test only: the receiver listens on 127.0.0.1 (the first test checks the refusal without it).
  env.allowPrivateWebhookUrls = true;
  const receiver = await startReceiver();
  const context = await newContext(e2e.browser, e2e.baseUrl);
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    watchErrors(page, errors);
    await signIn(page, "maria@demo.test");
    await page.getByRole("link", { name: "Developers" }).click();
    await page.getByRole("heading", { level: 1, name: "Developers" }).waitFor(T);

    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByLabel("Description").fill("Calendar sync");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secretBox = page.getByRole("region", { name: "Signing secret" });
    await secretBox.waitFor(T);
    const secret = (await secretBox.getByTestId("secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    receiver.secrets.push(secret);
    const card = page.getByRole("article").filter({ hasText: receiver.url });
    await card.getByText("No deliveries yet.").waitFor(T);

    // Maria confirms her paid request (through the API, as a partner app of hers would).
    const maria = await user("maria@demo.test");
    const pending = await db.booking.findFirstOrThrow({ where: { mentorId: maria.id, status: "PENDING", paidAt: { not: null } } });
    const key = await createApiKey(db, maria, { name: "Confirmer", scopes: ["bookings:write"] });
    const confirmed = await fetch(`${e2e.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key.secret}` },
      body: JSON.stringify({
        query: "mutation($id: ID!) { confirmBooking(id: $id) { __typename } }",
        variables: { id: Buffer.from(`Booking:${pending.id}`).toString("base64") },
      }),
    });
    expect(((await confirmed.json()) as { data: { confirmBooking: { __typename: string } } }).data.confirmBooking.__typename).toBe(
      "ConfirmBookingSuccess",
    );
    // The worker (every second) sends it; the receiver verified it.
    await expect.poll(() => receiver.accepted.length, { timeout: 15_000 }).toBe(1);
    expect(receiver.unverified).toEqual([]);
    expect(receiver.accepted[0]!.type).toBe("booking.confirmed");

    // The log shows it.
    await page.reload();
    const row = card.getByRole("row").filter({ hasText: "booking.confirmed" });
    await row.getByRole("cell", { name: "succeeded" }).waitFor(T);
    expect(await row.textContent()).toContain("204");

    // Redeliver: queued, sent again with the same webhook-id, and listed as a redelivery.
    await row.getByRole("button", { name: /Redeliver booking\.confirmed/ }).click();
    await row.getByText("Queued.").waitFor(T);
    await expect.poll(() => receiver.accepted.length, { timeout: 15_000 }).toBe(2);
    expect(receiver.accepted[1]!.id).toBe(receiver.accepted[0]!.id);
    await page.reload();
    await card.getByRole("row").filter({ hasText: "(redelivery)" }).getByRole("cell", { name: "succeeded" }).waitFor(T);
    await screenshot(page, "developers-webhook-deliveries");

    expect(errors).toEqual([]);
  } finally {
    env.allowPrivateWebhookUrls = false;
    await context.close();
    await receiver.stop();
  }
});
