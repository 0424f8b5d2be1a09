import { describe, expect, it } from "vitest";
import { bookingTemplateSamples, renderBookingSamples } from "./templates.samples.ts";
import { templates } from "./templates.ts";

describe("booking email templates", () => {
  it("render every sample, and say when and how much is refunded", () => {
    const byName = Object.fromEntries(renderBookingSamples().map((e) => [e.name, e]));
    for (const email of Object.values(byName)) {
      expect(email.subject).not.toBe("");
      expect(email.text).toContain("http://localhost:4000/bookings/");
    }
    for (const name of ["bookingDeclined", "bookingCancelled", "bookingExpired"]) {
      expect(byName[name]!.text).toContain("refunding your payment of $45.00 in full");
      expect(byName[name]!.text).toMatch(/^Hi Grace Hopper,/);
    }
    for (const name of ["bookingCancelledForMentor", "bookingExpiredForMentor"]) {
      expect(byName[name]!.text).toMatch(/^Hi Ada Lovelace,/);
      expect(byName[name]!.text).toContain("refunded in full");
    }
    expect(byName.bookingDeclined!.text).toContain("Their reason: I am fully booked this month.");
  });

  it("tell the mentor by when to answer a new request, in UTC", () => {
    const byName = Object.fromEntries(renderBookingSamples().map((e) => [e.name, e]));
    expect(byName.bookingPaid!.text).toContain(
      "Please answer by Monday, 30 November 2026, 14:05 UTC. After that the request expires and Grace Hopper is refunded in full.",
    );
  });

  it("after a lost card dispute, say the bank returned the money instead of promising a refund, and no earning for the mentor", () => {
    const back = { chargedBackCents: 4500 };
    for (const name of ["bookingDeclined", "bookingCancelled", "bookingExpired", "sessionCancelled", "sessionCancelledByMentor"] as const) {
      const text = templates[name]({ ...bookingTemplateSamples[name], ...back }).text;
      expect(text, name).toContain(
        "Your bank already returned $45.00 to you after your card dispute, so we do not refund it a second time.",
      );
      expect(text, name).not.toContain("We are refunding");
    }
    // A late cancel refunds nothing by the policy: the bank's return is all there is.
    const late = templates.sessionCancelled({ ...bookingTemplateSamples.sessionCancelled, refundCents: 0, ...back }).text;
    expect(late).toContain("Your bank already returned $45.00");
    expect(late).not.toContain("nothing is refunded");
    // An admin's refund larger than what the bank returned: only the rest is refunded.
    const admin = templates.bookingCancelledByAdmin({
      ...bookingTemplateSamples.bookingCancelledByAdmin,
      refundCents: 4500,
      chargedBackCents: 2000,
    });
    expect(admin.text).toContain(
      "Your bank already returned $20.00 to you after your card dispute, so we do not refund it a second time. We are refunding the other $25.00",
    );
    const mentor = templates.sessionCancelledForMentor({
      ...bookingTemplateSamples.sessionCancelledForMentor,
      mentorShareCents: 0,
      ...back,
    });
    expect(mentor.text).toContain(
      "Their bank returned $45.00 of the payment after a card dispute, so there is no earning for this session.",
    );
    const byAdmin = templates.bookingCancelledByAdminForMentor({ ...bookingTemplateSamples.bookingCancelledByAdminForMentor, ...back });
    expect(byAdmin.text).toContain("bank returned $45.00 of the payment after a card dispute, so there is no earning for this booking.");
    const completed = templates.bookingCompletedBySystemForMentor({
      ...bookingTemplateSamples.bookingCompletedBySystemForMentor,
      earningCents: 0,
      windowEndsAt: null,
      ...back,
    });
    expect(completed.text).toContain(
      "bank returned $45.00 of the payment after a card dispute; it was recovered from this session's earning",
    );
    expect(completed.text).toContain("Nothing is left to credit you for this session.");
    // Without a dispute the wording is unchanged.
    expect(templates.bookingDeclined(bookingTemplateSamples.bookingDeclined).text).toContain("refunding your payment of $45.00 in full");
  });
});
