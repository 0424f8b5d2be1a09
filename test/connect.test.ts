// Stripe Connect onboarding: connectStripeAccount through GraphQL against the Stripe stand-in,
// account.updated in and out of order, and the offline simulator's onboarding page.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, WEBHOOK_SECRET, type TestApp, startStripeApp } from "./support/harness.ts";
import { ADMIN_VARS, rawId, signUp } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";

const CONNECT = `mutation { connectStripeAccount { __typename
  ... on ConnectStripeAccountSuccess { url stripe { status payoutsEnabled requirementsDue disabledReason } }
  ... on Error { message code } } }`;
const STRIPE_STATE = `query { earnings { stripe { status payoutsEnabled requirementsDue disabledReason } } }`;

afterEach(() => vi.restoreAllMocks());

describe("Connect onboarding with Stripe", () => {
  let stripe: StripeStandIn;
  let t: TestApp;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ stripe, t, stop } = await startStripeApp());
  });
  afterAll(() => stop?.());

  const accountsOf = (mentorGlobalId: string) =>
    [...stripe.state.accounts.values()].filter((a) => a.metadata.mentorId === rawId(mentorGlobalId));
  const deliver = (event: object) => stripe.deliver(`${t.url}/webhooks/stripe`, event, WEBHOOK_SECRET);

  it("creates one Express account for five concurrent calls and returns a fresh onboarding link each time", async () => {
    const mentor = await signUp(t, "MENTOR");
    const before = await t.gql(STRIPE_STATE, {}, mentor.token);
    expect(before.data.earnings.stripe).toEqual({
      status: "NOT_CONNECTED",
      payoutsEnabled: false,
      requirementsDue: [],
      disabledReason: null,
    });

    const results = await Promise.all(Array.from({ length: 5 }, () => t.gql(CONNECT, {}, mentor.token)));
    for (const r of results) expect(r.data.connectStripeAccount.__typename).toBe("ConnectStripeAccountSuccess");
    const accounts = accountsOf(mentor.id);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ type: "express" });
    const profile = await t.db.mentorProfile.findUniqueOrThrow({ where: { userId: rawId(mentor.id) } });
    expect(profile.stripeAccountId).toBe(accounts[0]!.id);
    const creates = stripe.requests.filter(
      (r) =>
        r.method === "POST" &&
        r.path === "/v1/accounts" &&
        (r.params.metadata as Record<string, string> | undefined)?.mentorId === rawId(mentor.id),
    );
    expect(new Set(creates.map((r) => r.idempotencyKey))).toEqual(new Set([`connect:${rawId(mentor.id)}`]));

    const again = await t.gql(CONNECT, {}, mentor.token);
    const urls = [...results, again].map((r) => r.data.connectStripeAccount.url as string);
    expect(new Set(urls).size).toBe(6);
    const links = stripe.state.accountLinks.filter((l) => l._request.account === accounts[0]!.id);
    expect(links).toHaveLength(6);
    for (const link of links) {
      expect(link._request).toMatchObject({
        type: "account_onboarding",
        refresh_url: `${t.url}/earnings?stripe=refresh`,
        return_url: `${t.url}/earnings?stripe=return`,
      });
    }
    expect(accountsOf(mentor.id)).toHaveLength(1);
    expect(again.data.connectStripeAccount.stripe.status).toBe("ONBOARDING_INCOMPLETE");
  });

  it("applies account.updated as Stripe's current state, so an older event delivered late cannot roll it back", async () => {
    const mentor = await signUp(t, "MENTOR");
    await t.gql(CONNECT, {}, mentor.token);
    const [account] = accountsOf(mentor.id);
    const now = Math.floor(Date.now() / 1000);

    // An event from a minute ago says restricted; Stripe has since enabled payouts.
    const restricted = stripe.event("account.updated", {
      ...account,
      details_submitted: true,
      payouts_enabled: false,
      requirements: {
        currently_due: ["individual.verification.document"],
        past_due: ["external_account"],
        disabled_reason: "requirements.past_due",
      },
    });
    (restricted as { created: number }).created = now - 60;
    const enabled = stripe.enablePayouts(account!.id);
    (enabled as { created: number }).created = now;

    const active = { status: "ACTIVE", payoutsEnabled: true, requirementsDue: [], disabledReason: null };
    expect((await deliver(enabled)).status).toBe(200);
    expect((await t.gql(STRIPE_STATE, {}, mentor.token)).data.earnings.stripe).toEqual(active);

    // The older event, late and again as a redelivery: the account is read from Stripe, still enabled.
    expect((await deliver(restricted)).status).toBe(200);
    expect((await deliver({ ...restricted, id: "evt_late_redelivery" })).status).toBe(200);
    expect((await t.gql(STRIPE_STATE, {}, mentor.token)).data.earnings.stripe).toEqual(active);
    expect((await t.db.mentorProfile.findUniqueOrThrow({ where: { userId: rawId(mentor.id) } })).payoutsEnabled).toBe(true);
  });

  it("ignores account.updated for accounts that are not a mentor's", async () => {
    const response = await deliver(
      stripe.event("account.updated", { id: "acct_unknown", object: "account", payouts_enabled: true, details_submitted: true }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { outcome: string }).outcome).toBe("ignored");
    expect(await t.db.mentorProfile.count({ where: { stripeAccountId: "acct_unknown" } })).toBe(0);
  });

  it("reports the provider failing as PaymentProviderError and creates the account on the next call", async () => {
    const mentor = await signUp(t, "MENTOR");
    stripe.failNext("POST /v1/accounts", 400, { message: "Connect is not enabled" });
    const failed = await t.gql(CONNECT, {}, mentor.token);
    expect(failed.data.connectStripeAccount).toMatchObject({ __typename: "PaymentProviderError", code: "PAYMENT_PROVIDER_UNAVAILABLE" });
    expect(failed.data.connectStripeAccount.message).not.toContain("Connect is not enabled");
    expect((await t.db.mentorProfile.findUniqueOrThrow({ where: { userId: rawId(mentor.id) } })).stripeAccountId).toBeNull();
    const ok = await t.gql(CONNECT, {}, mentor.token);
    expect(ok.data.connectStripeAccount.__typename).toBe("ConnectStripeAccountSuccess");
    expect(accountsOf(mentor.id)).toHaveLength(1);
  });

  it("is for signed-in mentors only", async () => {
    const anonymous = await t.gql(CONNECT);
    expect(anonymous.data.connectStripeAccount.__typename).toBe("NotAuthenticatedError");
    const mentee = await signUp(t, "MENTEE");
    const forbidden = await t.gql(CONNECT, {}, mentee.token);
    expect(forbidden.data.connectStripeAccount.__typename).toBe("NotAuthorizedError");
    const earnings = await t.gql(STRIPE_STATE, {}, mentee.token);
    expect(earnings.data?.earnings ?? null).toBeNull();
  });
});

describe("Connect onboarding in the offline simulator", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ vars: ADMIN_VARS, scheduler: false });
    expect(t.app.services.payouts.mode).toBe("simulator");
  });
  afterAll(async () => t?.stop());

  it("completes onboarding through a signed account.updated on the same webhook path", async () => {
    const mentor = await signUp(t, "MENTOR");
    const result = await t.gql(CONNECT, {}, mentor.token);
    const url = new URL(result.data.connectStripeAccount.url);
    expect(url.pathname).toMatch(/^\/connect\/acct_sim_[0-9a-f]{32}$/);
    const local = `${t.url}${url.pathname}${url.search}`;

    // Only the link as issued works: not the bare account path, not a changed expiry or signature.
    const expired = new URL(local);
    expired.searchParams.set("expires", String(Math.floor(Date.now() / 1000) - 1));
    const forged = new URL(local);
    forged.searchParams.set("sig", "0".repeat(64));
    for (const bad of [`${t.url}${url.pathname}`, expired.toString(), forged.toString()]) {
      expect((await fetch(bad)).status).toBe(403);
      expect((await fetch(bad, { method: "POST", redirect: "manual" })).status).toBe(403);
    }
    expect((await t.gql(STRIPE_STATE, {}, mentor.token)).data.earnings.stripe.payoutsEnabled).toBe(false);

    const pageResponse = await fetch(local);
    expect(pageResponse.status).toBe(200);
    expect(await pageResponse.text()).toContain("Complete onboarding");

    const submitted = await fetch(local, { method: "POST", redirect: "manual" });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get("location")).toBe(`${t.url}/earnings?stripe=return`);
    const state = await t.gql(STRIPE_STATE, {}, mentor.token);
    expect(state.data.earnings.stripe).toEqual({ status: "ACTIVE", payoutsEnabled: true, requirementsDue: [], disabledReason: null });

    expect((await fetch(`${t.url}/connect/acct_sim_${"0".repeat(32)}`)).status).toBe(404);
  });
});
