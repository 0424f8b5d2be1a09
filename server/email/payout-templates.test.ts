import { describe, expect, it } from "vitest";
import { renderPayoutSamples } from "./templates.samples.ts";

describe("payout email templates", () => {
  it("render the amount, the link and (on failure) the reason", () => {
    const [processed, failed] = renderPayoutSamples();
    expect(processed).toMatchObject({ name: "payoutProcessed", tag: "payout-processed" });
    expect(processed!.subject).toContain("$123.45");
    expect(processed!.text).toContain("http://localhost:4000/earnings");
    expect(failed).toMatchObject({ name: "payoutFailed", tag: "payout-failed" });
    expect(failed!.text).toContain("Reason: account_invalid");
    expect(failed!.text).toContain("back on your balance");
  });
});
