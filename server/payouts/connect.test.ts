import { describe, expect, it } from "vitest";
import { connectionOf } from "./connect.ts";

const profile = {
  stripeAccountId: "acct_1",
  payoutsEnabled: false,
  stripeDetailsSubmitted: false,
  stripeRequirementsDue: ["external_account"],
  stripeDisabledReason: "requirements.past_due",
};

describe("connectionOf", () => {
  it("is NOT_CONNECTED without a profile or an account", () => {
    const none = { status: "NOT_CONNECTED", payoutsEnabled: false, requirementsDue: [], disabledReason: null };
    expect(connectionOf(null)).toEqual(none);
    expect(connectionOf({ ...profile, stripeAccountId: null, payoutsEnabled: true })).toEqual(none);
  });

  it("follows onboarding: incomplete, then restricted once details are in, then active", () => {
    expect(connectionOf(profile)).toEqual({
      status: "ONBOARDING_INCOMPLETE",
      payoutsEnabled: false,
      requirementsDue: ["external_account"],
      disabledReason: "requirements.past_due",
    });
    expect(connectionOf({ ...profile, stripeDetailsSubmitted: true }).status).toBe("RESTRICTED");
    const active = connectionOf({ ...profile, stripeDetailsSubmitted: true, payoutsEnabled: true, stripeRequirementsDue: [] });
    expect([active.status, active.payoutsEnabled]).toEqual(["ACTIVE", true]);
  });

  it("trusts Stripe's payouts flag over the details flag", () => {
    expect(connectionOf({ ...profile, stripeDetailsSubmitted: false, payoutsEnabled: true }).status).toBe("ACTIVE");
  });
});
