// Without Postmark, emails are logged and kept; in development /dev/emails shows them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, checkoutCompleted, marketplace, paidBooking, rawId, requestBooking, signUp } from "./support/fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

it("lists the kept emails, newest first, escaped, filterable by recipient", async () => {
  const m = await marketplace(t);
  await paidBooking(t, m); // "New booking request: Career chat with <mentee>" to the mentor
  const eve = await signUp(t, "MENTEE", "Eve <script>alert(1)</script>");
  const { booking } = await requestBooking(t, eve.token, m.sessionTypeId);
  expect((await t.webhook(checkoutCompleted(booking.id, m.priceCents))).status).toBe(200);

  const page = await (await fetch(`${t.url}/dev/emails`)).text();
  expect(page).not.toContain("<script>");
  const eveAt = page.indexOf("with Eve &lt;script&gt;alert(1)&lt;/script&gt;");
  const firstAt = page.indexOf("New booking request: Career chat with mentee");
  expect(eveAt).toBeGreaterThan(0);
  expect(firstAt).toBeGreaterThan(eveAt); // newest first

  const mentor = await t.db.user.findUniqueOrThrow({ where: { id: rawId(m.mentor.id) } });
  const filtered = await (await fetch(`${t.url}/dev/emails?to=${encodeURIComponent(mentor.email)}`)).text();
  expect(filtered.match(/<article>/g)).toHaveLength(2);
  const none = await (await fetch(`${t.url}/dev/emails?to=nobody%40example.com`)).text();
  expect(none).toContain("No emails yet.");
});

it("is not served in production, nor when Postmark sends the emails", async () => {
  const variants: Array<Record<string, string>> = [
    // Even a public demo (simulators allowed in production) keeps the mailbox closed.
    { NODE_ENV: "production", ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true" },
    { POSTMARK_SERVER_TOKEN: "server-token", POSTMARK_API_URL: "http://127.0.0.1:9" },
  ];
  for (const vars of variants) {
    const app = await startTestApp({ vars: { ...ADMIN_VARS, ...vars } });
    try {
      const response = await fetch(`${app.url}/dev/emails`);
      expect(await response.text()).not.toContain("Mailbox");
    } finally {
      await app.stop();
    }
  }
});
