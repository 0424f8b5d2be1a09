import { describe, expect, it } from "vitest";
import { renderBookingSamples } from "./templates.samples.ts";

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
});
