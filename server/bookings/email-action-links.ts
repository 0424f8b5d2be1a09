// The links of the one-click answers (server/bookings/email-actions.ts): created with the
// payment, in its transaction, for the new-request email. Only each token's SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import type { Booking } from "../generated/prisma/client.ts";
import type { EmailActionKind } from "../generated/prisma/enums.ts";
import { respondBy } from "./booking-lifecycle.ts";
import type { Tx } from "../db/client.ts";

export const EMAIL_ACTION_PATH = "/respond/";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates the Confirm and Decline links of a paid request, in the transaction that records the payment. */
export async function createEmailActions(
  tx: Tx,
  publicUrl: string,
  booking: Pick<Booking, "id" | "mentorId" | "paidAt" | "status">,
  responseHours: number,
): Promise<{ confirmUrl: string; declineUrl: string }> {
  const expiresAt = respondBy(booking, responseHours) ?? new Date(Date.now() + responseHours * 3600_000);
  const urls = {} as Record<EmailActionKind, string>;
  for (const action of ["CONFIRM", "DECLINE"] as const) {
    const token = randomBytes(32).toString("base64url");
    await tx.emailAction.create({
      data: { bookingId: booking.id, mentorId: booking.mentorId, action, tokenHash: hashToken(token), expiresAt },
    });
    urls[action] = `${publicUrl}${EMAIL_ACTION_PATH}${token}`;
  }
  return { confirmUrl: urls.CONFIRM, declineUrl: urls.DECLINE };
}
