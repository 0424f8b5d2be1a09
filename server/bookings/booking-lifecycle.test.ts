import { describe, expect, it } from "vitest";
import {
  availableActions,
  cancellationTerms,
  canTransition,
  refusalMessage,
  respondBy,
  TERMINAL_STATUSES,
  TRANSITIONS,
  viewerActions,
} from "./booking-lifecycle.ts";
import { BookingStatus } from "../generated/prisma/enums.ts";

const statuses = Object.values(BookingStatus);

describe("booking lifecycle", () => {
  it("follows the help page: paid, then confirmed or declined, then completed", () => {
    expect(canTransition("AWAITING_PAYMENT", "pay", "stripe")).toBe(true);
    expect(canTransition("PENDING", "confirm", "mentor")).toBe(true);
    expect(canTransition("PENDING", "decline", "mentor")).toBe(true);
    expect(canTransition("CONFIRMED", "complete", "mentor")).toBe(true);
  });

  it("lets nobody confirm or decline before payment", () => {
    for (const actor of ["mentor", "mentee", "stripe", "system"] as const) {
      expect(canTransition("AWAITING_PAYMENT", "confirm", actor)).toBe(false);
      expect(canTransition("AWAITING_PAYMENT", "decline", actor)).toBe(false);
    }
  });

  it("only lets the right actor fire each transition", () => {
    expect(canTransition("AWAITING_PAYMENT", "pay", "mentee")).toBe(false);
    expect(canTransition("PENDING", "confirm", "mentee")).toBe(false);
    expect(canTransition("CONFIRMED", "complete", "mentee")).toBe(false);
    expect(canTransition("AWAITING_PAYMENT", "cancel", "mentor")).toBe(false);
  });

  it("lets the mentee cancel until the session is over, the mentor only a confirmed booking, and nobody else", () => {
    for (const status of ["AWAITING_PAYMENT", "PENDING", "CONFIRMED"] as const)
      expect(canTransition(status, "cancel", "mentee")).toBe(true);
    for (const status of TERMINAL_STATUSES) {
      expect(canTransition(status, "cancel", "mentee")).toBe(false);
      expect(canTransition(status, "cancel", "mentor")).toBe(false);
    }
    expect(canTransition("CONFIRMED", "cancel", "mentor")).toBe(true);
    for (const actor of ["mentor", "stripe", "system"] as const) {
      expect(canTransition("AWAITING_PAYMENT", "cancel", actor)).toBe(false);
      expect(canTransition("PENDING", "cancel", actor)).toBe(false);
    }
    for (const actor of ["stripe", "system"] as const) expect(canTransition("CONFIRMED", "cancel", actor)).toBe(false);
  });

  it("applies the cancellation policy: mentee in full until the limit (or with no start), nothing after; mentor always in full", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const charged = { capturedAt: now, priceCents: 5000, sessionStartsAt: null };
    expect(cancellationTerms(charged, "mentee", 24, now)).toMatchObject({
      outcome: "FULL_REFUND",
      refundCents: 5000,
      fullRefundUntil: null,
    });
    const start = new Date("2026-12-02T12:00:00Z");
    const scheduled = { ...charged, sessionStartsAt: start };
    expect(cancellationTerms(scheduled, "mentee", 24, now)).toMatchObject({ outcome: "FULL_REFUND", refundCents: 5000, keptCents: 0 });
    const late = new Date(now.getTime() + 1);
    expect(cancellationTerms(scheduled, "mentee", 24, late)).toMatchObject({ outcome: "NO_REFUND", refundCents: 0, keptCents: 5000 });
    expect(cancellationTerms(scheduled, "mentor", 24, late)).toMatchObject({ outcome: "FULL_REFUND", refundCents: 5000 });
    expect(cancellationTerms({ ...scheduled, capturedAt: null }, "mentee", 24, late)).toMatchObject({
      outcome: "NOTHING_CHARGED",
      refundCents: 0,
    });
  });

  it("expires unpaid bookings (Stripe or the system) and unanswered paid ones (the system only)", () => {
    expect(canTransition("AWAITING_PAYMENT", "expire", "stripe")).toBe(true);
    expect(canTransition("AWAITING_PAYMENT", "expire", "system")).toBe(true);
    expect(canTransition("PENDING", "expire", "system")).toBe(true);
    // A late checkout.session.expired must never expire a paid booking.
    expect(canTransition("PENDING", "expire", "stripe")).toBe(false);
    for (const status of ["CONFIRMED", ...TERMINAL_STATUSES] as const) {
      expect(canTransition(status, "expire", "system")).toBe(false);
      expect(canTransition(status, "expire", "stripe")).toBe(false);
    }
    for (const actor of ["mentor", "mentee"] as const) {
      expect(canTransition("AWAITING_PAYMENT", "expire", actor)).toBe(false);
      expect(canTransition("PENDING", "expire", actor)).toBe(false);
    }
  });

  it("has no way out of a terminal status", () => {
    for (const status of TERMINAL_STATUSES) {
      for (const actor of ["mentor", "mentee", "stripe", "system"] as const) {
        expect(availableActions(status, actor)).toEqual([]);
      }
    }
  });

  it("reaches every status from AWAITING_PAYMENT", () => {
    const reached = new Set<string>(["AWAITING_PAYMENT"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const rule of Object.values(TRANSITIONS)) {
        if (rule.from.some((s) => reached.has(s)) && !reached.has(rule.to)) {
          reached.add(rule.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...statuses].sort());
  });

  it("offers links only on a confirmed booking, to its mentor", () => {
    expect(availableActions("CONFIRMED", "mentor")).toEqual(["complete", "cancel", "addLinks", "scheduleSession"]);
    expect(availableActions("PENDING", "mentor")).toEqual(["confirm", "decline"]);
    expect(availableActions("PENDING", "mentee")).toEqual(["cancel"]);
    expect(availableActions("AWAITING_PAYMENT", "mentee")).toEqual(["cancel"]);
    expect(availableActions("PENDING", "stripe")).toEqual([]);
    expect(availableActions("PENDING", "system")).toEqual(["expire"]);
    expect(availableActions("CONFIRMED", "mentee")).toEqual(["cancel", "scheduleSession"]);
  });

  it("explains a refusal in words", () => {
    expect(refusalMessage("confirm", "AWAITING_PAYMENT")).toBe(
      "A booking that is awaiting payment cannot be confirmed. Wait until the mentee's payment is confirmed.",
    );
    expect(refusalMessage("addLinks", "PENDING")).toBe("A booking that is pending cannot be given links.");
  });

  it("tells each person what they may do, from their side, and only what would succeed", () => {
    const at = (status: (typeof statuses)[number], linksAdded = false) => ({ status, linksAdded });
    // The mentee starts the payment that Stripe confirms.
    expect(viewerActions(at("AWAITING_PAYMENT"), "mentee")).toEqual(["PAY", "CANCEL"]);
    expect(viewerActions(at("AWAITING_PAYMENT"), "mentor")).toEqual([]);
    expect(viewerActions(at("PENDING"), "mentor")).toEqual(["CONFIRM", "DECLINE"]);
    expect(viewerActions(at("PENDING"), "mentee")).toEqual(["CANCEL"]);
    // Complete needs both links, like completeBooking.
    expect(viewerActions(at("CONFIRMED"), "mentor")).toEqual(["ADD_LINKS", "SCHEDULE", "CANCEL"]);
    expect(viewerActions(at("CONFIRMED", true), "mentor")).toEqual(["ADD_LINKS", "SCHEDULE", "COMPLETE", "CANCEL"]);
    expect(viewerActions(at("CONFIRMED", true), "mentee")).toEqual(["SCHEDULE", "CANCEL"]);
    // Once the recorded start has passed, its time is no longer changed.
    const started = { ...at("CONFIRMED", true), sessionStartsAt: new Date(Date.now() - 60_000) };
    expect(viewerActions(started, "mentee")).toEqual(["CANCEL"]);
    // Nobody is ever offered what only Stripe or the system does, and nothing after the end.
    for (const status of statuses) {
      for (const role of ["mentor", "mentee"] as const) {
        expect(viewerActions(at(status, true), role)).not.toContain("EXPIRE");
        if (TERMINAL_STATUSES.includes(status)) expect(viewerActions(at(status, true), role)).toEqual([]);
      }
    }
  });

  it("gives a paid request its answer-by time, and nothing else one", () => {
    const paidAt = new Date("2026-11-27T10:00:00Z");
    expect(respondBy({ status: "PENDING", paidAt }, 72)).toEqual(new Date("2026-11-30T10:00:00Z"));
    for (const status of statuses.filter((s) => s !== "PENDING")) expect(respondBy({ status, paidAt }, 72)).toBeNull();
  });
});
