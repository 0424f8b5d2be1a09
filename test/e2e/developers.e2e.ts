// The Developers page in a browser: a mentor creates an API key, sees its secret once (focused,
// with a copy button), and after Done or a reload only the key's prefix is left; the key works
// until revoked. A webhook URL on a private address is refused under its field.
import { expect, test } from "vitest";
import { newContext, useBrowserApp, watchErrors } from "./harness.ts";

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
