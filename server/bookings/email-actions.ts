// One-click answers from the new-request email: Confirm and Decline links for the booking's
// mentor. Each link carries a random token (only its SHA-256 is stored), works until the
// request would expire (respondBy), and once: answering through either link spends both.
// Opening a link only shows a page (server/http/email-actions.ts); its form gives the answer,
// so a mail scanner that follows links cannot confirm or decline anything.
import type { Booking } from "../generated/prisma/client.ts";
import type { EmailActionKind } from "../generated/prisma/enums.ts";
import type { Services } from "../services.ts";
import { confirmBooking, declineBooking } from "./booking-commands.ts";
import { hashToken } from "./email-action-links.ts";
import { DomainError } from "../shared/errors.ts";

export interface EmailActionView {
  action: EmailActionKind;
  expiresAt: Date;
  booking: Booking & { mentee: { name: string } };
}

/** What a link would do, if it is still good (known, unused, unexpired); null otherwise. */
export async function readEmailAction(services: Services, token: string): Promise<EmailActionView | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await services.db.emailAction.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { booking: { include: { mentee: { select: { name: true } } } } },
  });
  if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
  return { action: row.action, expiresAt: row.expiresAt, booking: row.booking };
}

export type EmailActionOutcome = { kind: "done"; booking: Booking } | { kind: "spent" } | { kind: "refused"; message: string };

/**
 * Spends the link (and its sibling) and answers as the booking's mentor. Of two submissions,
 * one answers; the other finds the link spent. The answer goes through the same command, the
 * lifecycle table and its history, as the dashboard's.
 */
export async function useEmailAction(services: Services, token: string, reason: string | undefined): Promise<EmailActionOutcome> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { kind: "spent" };
  const now = new Date();
  const row = await services.db.emailAction.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) return { kind: "spent" };
  const spent = await services.db.emailAction.updateMany({
    where: { bookingId: row.bookingId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (spent.count === 0 || row.usedAt) return { kind: "spent" };
  const mentor = { id: row.mentorId, role: "MENTOR" as const, tokenId: `email-action:${row.id}` };
  try {
    const booking =
      row.action === "CONFIRM"
        ? await confirmBooking(services, mentor, row.bookingId)
        : await declineBooking(services, mentor, row.bookingId, reason);
    return { kind: "done", booking };
  } catch (error) {
    // A refusal in the domain's words (the booking was answered meanwhile); anything else is a fault.
    if (error instanceof DomainError) return { kind: "refused", message: error.message };
    throw error;
  }
}
