// The webhook outbox: an event is written in the same transaction as the change it announces
// (a booking's transition, a refund or payout state change), together with one delivery per
// endpoint that listens to its type and may see it (visibility.ts). A change that rolls back
// leaves nothing to send; a committed one is never lost: the worker (delivery.ts) sends it.
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Booking, Payout, Refund } from "../generated/prisma/client.ts";
import { WEBHOOK_EVENTS, type WebhookEventType } from "./event-types.ts";
import { endpointMaySee, type EventAudience } from "./visibility.ts";

type Tx = Prisma.TransactionClient;

export interface WebhookEventInput extends EventAudience {
  subjectId: string;
  data: Prisma.InputJsonObject;
}

export async function recordWebhookEvent(tx: Tx, input: WebhookEventInput): Promise<string> {
  const event = await tx.webhookEvent.create({
    data: {
      type: input.type,
      subjectId: input.subjectId,
      mentorId: input.mentorId,
      mentorMaySee: input.mentorMaySee,
      data: input.data,
    },
    select: { id: true, seq: true },
  });
  // Candidates: enabled endpoints of this type owned by the mentor or by an admin (admins'
  // sessions and partner keys); visibility.ts decides.
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      disabledAt: null,
      eventTypes: { has: input.type },
      OR: [...(input.mentorId ? [{ userId: input.mentorId }] : []), { user: { role: "ADMIN" } }],
    },
    select: {
      id: true,
      userId: true,
      user: { select: { role: true } },
      apiKey: {
        select: {
          scopes: true,
          revokedAt: true,
          expiresAt: true,
          partnerGrants: { where: { mentorId: input.mentorId ?? undefined }, select: { mentorId: true } },
        },
      },
    },
  });
  const now = new Date();
  const receivers = endpoints.filter((endpoint) =>
    endpointMaySee(
      {
        userId: endpoint.userId,
        role: endpoint.user.role,
        apiKey: endpoint.apiKey && {
          ...endpoint.apiKey,
          grantedMentorIds: input.mentorId ? endpoint.apiKey.partnerGrants.map((grant) => grant.mentorId) : [],
        },
      },
      input,
      now,
    ),
  );
  if (receivers.length > 0) {
    await tx.webhookDelivery.createMany({
      data: receivers.map((endpoint) => ({ endpointId: endpoint.id, eventId: event.id, subjectId: input.subjectId, eventSeq: event.seq })),
    });
  }
  return event.id;
}

const money = (amountCents: number, currency: string) => ({ amountCents, currency });
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A booking event, as the booking is after the change (no one's email, no message). */
export async function recordBookingEvent(
  tx: Tx,
  type: WebhookEventType,
  booking: Booking,
  extra: Prisma.InputJsonObject = {},
): Promise<void> {
  if (WEBHOOK_EVENTS[type].about !== "booking") throw new Error(`${type} is not a booking event`);
  await recordWebhookEvent(tx, {
    type,
    subjectId: booking.id,
    mentorId: booking.mentorId,
    mentorMaySee: booking.paidAt !== null,
    data: {
      booking: {
        id: encodeGlobalID("Booking", booking.id),
        status: booking.status,
        title: booking.title,
        durationMinutes: booking.durationMinutes,
        price: money(booking.priceCents, booking.currency),
        mentorId: encodeGlobalID("User", booking.mentorId),
        createdAt: booking.createdAt.toISOString(),
        paidAt: iso(booking.paidAt),
        confirmedAt: iso(booking.confirmedAt),
        completedAt: iso(booking.completedAt),
        startsAt: iso(booking.sessionStartsAt),
        endsAt: iso(booking.sessionEndsAt),
        ...extra,
      },
    },
  });
}

/** refund.succeeded: ordered with its booking's events. */
export async function recordRefundEvent(tx: Tx, refund: Refund, booking: Pick<Booking, "id" | "mentorId" | "paidAt">): Promise<void> {
  await recordWebhookEvent(tx, {
    type: "refund.succeeded",
    subjectId: booking.id,
    mentorId: booking.mentorId,
    mentorMaySee: booking.paidAt !== null,
    data: {
      refund: {
        bookingId: encodeGlobalID("Booking", booking.id),
        amount: money(refund.amountCents, refund.currency),
        reason: refund.reason,
        succeededAt: new Date().toISOString(),
      },
    },
  });
}

export async function recordPayoutEvent(tx: Tx, type: "payout.paid" | "payout.failed", payout: Payout): Promise<void> {
  await recordWebhookEvent(tx, {
    type,
    subjectId: payout.id,
    mentorId: payout.mentorId,
    mentorMaySee: true,
    data: {
      payout: {
        id: encodeGlobalID("Payout", payout.id),
        status: payout.status,
        amount: money(payout.amountCents, payout.currency),
        reversedAmount: money(payout.reversedCents, payout.currency),
        failureReason: payout.failureReason,
        createdAt: payout.createdAt.toISOString(),
        paidAt: iso(payout.paidAt),
        failedAt: iso(payout.failedAt),
      },
    },
  });
}

/** The body every delivery of an event sends (the same bytes each time). */
export function webhookBody(event: { type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
}

/** The event's `webhook-id`: its GraphQL id, so catch-up lists (webhookEvents) and deliveries dedupe alike. */
export const webhookIdOf = (eventId: string) => encodeGlobalID("WebhookEvent", eventId);
