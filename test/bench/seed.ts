// A realistic amount of data for the dashboard read, written with a few set-based SQL
// statements (inserting tens of thousands of bookings through the API would take longer than
// the benchmark): mentors, mentees, one session type per mentor, bookings spread over the
// statuses with their history, sessions and refunds, and one session token per measured user.
// Every id is derived from a number (md5(...)::uuid), so runs are comparable.
import { createHash } from "node:crypto";
import { hashToken } from "../../server/accounts/auth.ts";

/** The uuid seedDashboard gives the `i`th row of a kind: md5('<kind>' || i)::uuid. */
export function seedUuid(kind: string, i: number): string {
  const hex = createHash("md5").update(`${kind}${i}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface SeedSize {
  bookings: number;
  mentors: number;
  mentees: number;
}

export interface Seeded {
  /** Mentor 0, who sees about bookings / mentors paid bookings. */
  mentor: { id: string; token: string };
  /** Mentee 0. */
  mentee: { id: string; token: string };
  /** Extra mentee tokens (idle sockets, the mix's callers). */
  menteeTokens: string[];
  mentorTokens: string[];
  sessionTypeIds: string[];
  /** Mentee 0's bookings, by booking number (every `mentees`th booking is theirs). */
  menteeBookingNumbers: number[];
}

/** `sql` runs one statement (no parameters). */
export async function seedDashboard(sql: (text: string) => Promise<unknown>, size: SeedSize, tokens = 0): Promise<Seeded> {
  const { bookings, mentors, mentees } = size;
  const user = (kind: string, i: string) => `md5('${kind}' || ${i})::uuid`;
  await sql(`INSERT INTO "User" (id, email, name, role, "passwordHash")
    SELECT ${user("mentor", "i")}, 'bench.mentor.' || i || '@example.com', 'Bench Mentor ' || i, 'MENTOR', 'not-used'
    FROM generate_series(0, ${mentors - 1}) i`);
  await sql(`INSERT INTO "User" (id, email, name, role, "passwordHash")
    SELECT ${user("mentee", "i")}, 'bench.mentee.' || i || '@example.com', 'Bench Mentee ' || i, 'MENTEE', 'not-used'
    FROM generate_series(0, ${mentees - 1}) i`);
  await sql(`INSERT INTO "MentorProfile" ("userId", headline, "approvedAt", "updatedAt")
    SELECT ${user("mentor", "i")}, 'Helps with systems design #' || i, now(), now() FROM generate_series(0, ${mentors - 1}) i`);
  await sql(`INSERT INTO "SessionType" (id, "mentorId", title, "durationMinutes", "priceCents")
    SELECT ${user("type", "i")}, ${user("mentor", "i")}, 'Career chat ' || i, 45, 5000 + i FROM generate_series(0, ${mentors - 1}) i`);
  // Status by booking number: mostly done, some open, some unpaid (which the mentor does not see).
  const statuses = ["COMPLETED", "COMPLETED", "CONFIRMED", "PENDING", "DECLINED", "CANCELLED", "AWAITING_PAYMENT", "COMPLETED", "EXPIRED"];
  const status = `(ARRAY[${statuses.map((s) => `'${s}'`).join(",")}])[1 + (i % ${statuses.length})]::"BookingStatus"`;
  await sql(`INSERT INTO "Booking" (id, "menteeId", "mentorId", "sessionTypeId", status, title, "durationMinutes", "priceCents",
      currency, message, "declineReason", "createdAt", "updatedAt", "paidAt", "confirmedAt", "declinedAt", "completedAt", "cancelledAt", "expiredAt")
    SELECT ${user("booking", "i")}, ${user("mentee", `(i % ${mentees})`)}, ${user("mentor", `(i % ${mentors})`)}, ${user("type", `(i % ${mentors})`)},
      s, 'Career chat ' || (i % ${mentors}), 45, 5000 + (i % ${mentors}), 'usd',
      'Hello! I would like to talk about moving from backend work to a staff role; booking #' || i,
      CASE WHEN s = 'DECLINED' THEN 'Fully booked this month' END,
      t, t, CASE WHEN s IN ('AWAITING_PAYMENT', 'CANCELLED') THEN NULL ELSE t + interval '2 minutes' END,
      CASE WHEN s IN ('CONFIRMED', 'COMPLETED') THEN t + interval '1 hour' END,
      CASE WHEN s = 'DECLINED' THEN t + interval '1 hour' END,
      CASE WHEN s = 'COMPLETED' THEN t + interval '3 days' END,
      CASE WHEN s = 'CANCELLED' THEN t + interval '5 minutes' END,
      CASE WHEN s = 'EXPIRED' THEN t + interval '2 days' END
    FROM (SELECT i, ${status} AS s, timestamptz '2026-11-01 12:00:00+00' - i * interval '7 minutes' AS t
          FROM generate_series(0, ${bookings - 1}) i) b`);
  // History: requested; paid; then what the status says.
  await sql(`INSERT INTO "BookingEvent" (id, "bookingId", sequence, "fromStatus", "toStatus", "actorKind", "actorId", "createdAt")
    SELECT md5('event1-' || b.id)::uuid, b.id, 1, NULL, 'AWAITING_PAYMENT', 'USER', b."menteeId", b."createdAt" FROM "Booking" b`);
  await sql(`INSERT INTO "BookingEvent" (id, "bookingId", sequence, "fromStatus", "toStatus", "actorKind", "actorId", "createdAt")
    SELECT md5('event2-' || b.id)::uuid, b.id, 2, 'AWAITING_PAYMENT', CASE WHEN b."paidAt" IS NULL THEN b.status ELSE 'PENDING' END,
      CASE WHEN b."paidAt" IS NULL THEN 'USER' ELSE 'STRIPE' END::"ActorKind", CASE WHEN b."paidAt" IS NULL THEN b."menteeId" END,
      b."createdAt" + interval '2 minutes'
    FROM "Booking" b WHERE b.status <> 'AWAITING_PAYMENT'`);
  await sql(`INSERT INTO "BookingEvent" (id, "bookingId", sequence, "fromStatus", "toStatus", "actorKind", "actorId", note, "createdAt")
    SELECT md5('event3-' || b.id)::uuid, b.id, 3, 'PENDING', CASE WHEN b.status = 'COMPLETED' THEN 'CONFIRMED' ELSE b.status END,
      CASE WHEN b.status = 'EXPIRED' THEN 'SYSTEM' ELSE 'USER' END::"ActorKind", CASE WHEN b.status <> 'EXPIRED' THEN b."mentorId" END,
      b."declineReason", b."createdAt" + interval '1 hour'
    FROM "Booking" b WHERE b.status IN ('CONFIRMED', 'COMPLETED', 'DECLINED', 'EXPIRED')`);
  await sql(`INSERT INTO "BookingEvent" (id, "bookingId", sequence, "fromStatus", "toStatus", "actorKind", "actorId", "createdAt")
    SELECT md5('event4-' || b.id)::uuid, b.id, 4, 'CONFIRMED', 'COMPLETED', 'USER', b."mentorId", b."completedAt"
    FROM "Booking" b WHERE b.status = 'COMPLETED'`);
  await sql(`INSERT INTO "Session" ("bookingId", "availabilityLink", "meetingLink", "linksAddedAt", "completedAt", "createdAt", "updatedAt")
    SELECT b.id, 'https://cal.example/slots/' || b.id, 'https://meet.example/' || b.id, b."confirmedAt" + interval '1 hour', b."completedAt",
      b."confirmedAt", b."confirmedAt"
    FROM "Booking" b WHERE b.status IN ('CONFIRMED', 'COMPLETED')`);
  await sql(`INSERT INTO "Refund" (id, "bookingId", "amountCents", currency, reason, status, "paymentIntentId", "createdAt", "updatedAt", "succeededAt")
    SELECT md5('refund-' || b.id)::uuid, b.id, b."priceCents", b.currency, b.status::text::"RefundReason", 'SUCCEEDED', 'pi_bench_' || md5(b.id::text),
      COALESCE(b."declinedAt", b."expiredAt"), COALESCE(b."declinedAt", b."expiredAt"), COALESCE(b."declinedAt", b."expiredAt") + interval '1 minute'
    FROM "Booking" b WHERE b.status IN ('DECLINED', 'EXPIRED')`);

  const token = async (userId: string, name: string) => {
    const secret = `mb_bench_${name}`;
    await sql(`INSERT INTO "AuthToken" (id, "userId", "tokenHash", "expiresAt")
      VALUES (md5('token-${name}')::uuid, '${userId}', '${hashToken(secret)}', now() + interval '30 days')`);
    return secret;
  };
  const mentorId = seedUuid("mentor", 0);
  const menteeId = seedUuid("mentee", 0);
  const seeded: Seeded = {
    mentor: { id: mentorId, token: await token(mentorId, "mentor0") },
    mentee: { id: menteeId, token: await token(menteeId, "mentee0") },
    menteeTokens: [],
    mentorTokens: [],
    sessionTypeIds: [],
    menteeBookingNumbers: Array.from({ length: Math.ceil(bookings / mentees) }, (_, i) => i * mentees),
  };
  for (let i = 0; i < Math.min(tokens, mentees); i++) seeded.menteeTokens.push(await token(seedUuid("mentee", i), `mentee-socket-${i}`));
  for (let i = 0; i < Math.min(tokens, mentors); i++) seeded.mentorTokens.push(await token(seedUuid("mentor", i), `mentor-socket-${i}`));
  for (let i = 0; i < mentors; i++) seeded.sessionTypeIds.push(seedUuid("type", i));
  await sql("ANALYZE");
  return seeded;
}
