// Session types a mentor offers: title, duration and price in cents.
import type { Db } from "../db/client.ts";
import type { SessionType } from "../generated/prisma/client.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import { NotFoundError, ValidationError } from "../shared/errors.ts";
import { cleanText } from "../shared/text.ts";
import { requireRole } from "../accounts/viewer.ts";

export const PRICE_MIN_CENTS = 100;
export const PRICE_MAX_CENTS = 1_000_000;
export const DURATION_MIN = 15;
export const DURATION_MAX = 480;

export interface SessionTypeInput {
  title: string;
  durationMinutes: number;
  priceCents: number;
}

function validate(input: SessionTypeInput): SessionTypeInput {
  const title = cleanText("title", "Title", input.title, { max: 120, required: true, singleLine: true });
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < DURATION_MIN || input.durationMinutes > DURATION_MAX) {
    throw new ValidationError("durationMinutes", "range", `Duration must be between ${DURATION_MIN} and ${DURATION_MAX} minutes.`);
  }
  if (!Number.isInteger(input.priceCents) || input.priceCents < PRICE_MIN_CENTS || input.priceCents > PRICE_MAX_CENTS) {
    throw new ValidationError(
      "priceCents",
      "range",
      `Price must be between ${PRICE_MIN_CENTS} and ${PRICE_MAX_CENTS} cents ($1.00 to $10,000.00).`,
    );
  }
  return { title, durationMinutes: input.durationMinutes, priceCents: input.priceCents };
}

export function createSessionType(db: Db, viewer: AuthenticatedUser | null, input: SessionTypeInput): Promise<SessionType> {
  const mentor = requireRole(viewer, "MENTOR");
  const data = validate(input);
  return db.sessionType.create({ data: { ...data, mentorId: mentor.id, currency: "usd" } });
}

/** Archived session types can no longer be booked; existing bookings keep their snapshot. */
export async function archiveSessionType(db: Db, viewer: AuthenticatedUser | null, id: string): Promise<SessionType> {
  const mentor = requireRole(viewer, "MENTOR");
  const updated = await db.sessionType.updateMany({ where: { id, mentorId: mentor.id }, data: { active: false } });
  if (updated.count !== 1) throw new NotFoundError("Session type");
  return db.sessionType.findUniqueOrThrow({ where: { id } });
}
