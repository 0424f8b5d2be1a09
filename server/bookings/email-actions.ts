// One-click answers from the new-request email: Confirm and Decline links for the booking's
// mentor. Each link carries a random token (only its SHA-256 is stored), works until the
// request would expire (respondBy), and once: the answer that goes through spends both links,
// in the answer's own transaction. An answer that does not go through (the card could not be
// charged, the payment provider could not be reached, a fault) spends nothing, so the link
// still works for another try. Opening a link only shows a page (server/http/email-actions.ts);
// its form gives the answer, so a mail scanner that follows links cannot confirm or decline anything.
import type { Booking } from "../generated/prisma/client.ts";
import type { EmailActionKind } from "../generated/prisma/enums.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../db/client.ts";
import { confirmBooking, declineBooking, type WithAnswer } from "./booking-commands.ts";
import { hashToken } from "./email-action-links.ts";
import { DomainError, InvalidTransitionError, PaymentCaptureError } from "../shared/errors.ts";

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

type BookingWithMentee = Booking & { mentee: { name: string } };

export interface EmailActionView {
  action: EmailActionKind;
  expiresAt: Date;
  booking: BookingWithMentee;
}

/**
 * What a link would do, if it is still good (known, unused, unexpired, and its request still
 * waiting for an answer); null otherwise.
 */
export async function readEmailAction(services: Services, token: string): Promise<EmailActionView | null> {
  if (!TOKEN.test(token)) return null;
  const row = await services.db.emailAction.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { booking: { include: { mentee: { select: { name: true } } } } },
  });
  if (!row || row.usedAt || row.expiresAt <= new Date() || row.booking.status !== "PENDING") return null;
  return { action: row.action, expiresAt: row.expiresAt, booking: row.booking };
}

export type EmailActionOutcome =
  /** Answered: the booking as it is now. */
  | { kind: "done"; action: EmailActionKind; booking: BookingWithMentee }
  /** Used already, expired, unknown, or its request answered another way meanwhile. */
  | { kind: "spent" }
  /** The request was answered another way before this link (the domain's refusal). */
  | { kind: "refused"; message: string }
  /** The card could not be charged: the booking is still PENDING and the link still works. */
  | { kind: "captureFailed"; message: string; retryable: boolean; expiresAt: Date };

/** Thrown in the answer's transaction when the link was spent (or expired) meanwhile: the answer is rolled back. */
class LinkSpent extends Error {}

/**
 * Answers as the booking's mentor, through the same command as the dashboard's (the lifecycle
 * table and its history), and spends the link and its sibling in that command's transaction,
 * before the card is captured. Of two submissions one answers; the other, waiting on the
 * booking's lock, finds the link spent. If the answer fails, its transaction is rolled back with
 * the link's use: the link works again, and a capture Stripe made meanwhile is found by the next
 * try under the same idempotency key (never charged twice).
 */
export async function useEmailAction(services: Services, token: string, reason: string | undefined): Promise<EmailActionOutcome> {
  if (!TOKEN.test(token)) return { kind: "spent" };
  const { db } = services;
  const row = await db.emailAction.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.usedAt || row.expiresAt <= new Date()) return { kind: "spent" };
  const spend: WithAnswer = async (tx: Tx) => {
    const now = new Date();
    const mine = await tx.emailAction.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (mine.count !== 1) throw new LinkSpent();
    await tx.emailAction.updateMany({ where: { bookingId: row.bookingId, usedAt: null }, data: { usedAt: now } });
  };
  const mentor = { id: row.mentorId, role: "MENTOR" as const, tokenId: `email-action:${row.id}` };
  try {
    const answered =
      row.action === "CONFIRM"
        ? await confirmBooking(services, mentor, row.bookingId, spend)
        : await declineBooking(services, mentor, row.bookingId, reason, spend);
    const booking = await db.booking.findUniqueOrThrow({
      where: { id: answered.id },
      include: { mentee: { select: { name: true } } },
    });
    return { kind: "done", action: row.action, booking };
  } catch (error) {
    if (error instanceof LinkSpent) return { kind: "spent" };
    if (error instanceof PaymentCaptureError) {
      return { kind: "captureFailed", message: error.message, retryable: error.retryable, expiresAt: row.expiresAt };
    }
    if (error instanceof InvalidTransitionError) {
      // Answered meanwhile. By this link (a second submission that waited for the first): spent.
      // Otherwise (the dashboard, the sibling link, an expiry): the request has left PENDING for
      // good, so its links can never act again; they are spent, and the refusal says why.
      const current = await db.emailAction.findUnique({ where: { id: row.id } });
      if (current?.usedAt) return { kind: "spent" };
      await db.emailAction.updateMany({ where: { bookingId: row.bookingId, usedAt: null }, data: { usedAt: new Date() } });
      return { kind: "refused", message: error.message };
    }
    // Any other refusal in the domain's words; anything else is a fault (the page says to try again).
    if (error instanceof DomainError) return { kind: "refused", message: error.message };
    throw error;
  }
}
