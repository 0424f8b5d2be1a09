// Session types a mentor offers: title, duration and price in cents.
import type { Db } from "../db/client.ts";
import type { SessionType } from "../generated/prisma/client.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import { NotFoundError, SessionTypeArchivedError, ValidationError } from "../shared/errors.ts";
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

const validateTitle = (title: string) => cleanText("title", "Title", title, { max: 120, required: true, singleLine: true });

function validateDuration(durationMinutes: number): number {
  if (!Number.isInteger(durationMinutes) || durationMinutes < DURATION_MIN || durationMinutes > DURATION_MAX) {
    throw new ValidationError("durationMinutes", "range", `Duration must be between ${DURATION_MIN} and ${DURATION_MAX} minutes.`);
  }
  return durationMinutes;
}

function validatePrice(priceCents: number): number {
  if (!Number.isInteger(priceCents) || priceCents < PRICE_MIN_CENTS || priceCents > PRICE_MAX_CENTS) {
    throw new ValidationError(
      "priceCents",
      "range",
      `Price must be between ${PRICE_MIN_CENTS} and ${PRICE_MAX_CENTS} cents ($1.00 to $10,000.00).`,
    );
  }
  return priceCents;
}

function validate(input: SessionTypeInput): SessionTypeInput {
  return {
    title: validateTitle(input.title),
    durationMinutes: validateDuration(input.durationMinutes),
    priceCents: validatePrice(input.priceCents),
  };
}

/** The fields an update names, each validated as createSessionType does; at least one. */
function validateChanges(input: Partial<SessionTypeInput>): Partial<SessionTypeInput> {
  if (input.title === undefined && input.durationMinutes === undefined && input.priceCents === undefined) {
    throw new ValidationError("title", "required", "Give a new title, duration or price.");
  }
  return {
    ...(input.title === undefined ? {} : { title: validateTitle(input.title) }),
    ...(input.durationMinutes === undefined ? {} : { durationMinutes: validateDuration(input.durationMinutes) }),
    ...(input.priceCents === undefined ? {} : { priceCents: validatePrice(input.priceCents) }),
  };
}

/** Whether lists of mentors show this mentor (approved), so a change to their session types shows there. */
export async function mentorListed(db: Db, mentorId: string): Promise<boolean> {
  const profile = await db.mentorProfile.findUnique({ where: { userId: mentorId }, select: { approvedAt: true } });
  return profile?.approvedAt != null;
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

/**
 * Changes a session type's title, duration or price (those given). Bookings copy all three when
 * they are requested, so existing bookings keep theirs: the change applies to new bookings only.
 * An archived session type is not changed (SessionTypeArchivedError).
 */
export async function updateSessionType(
  db: Db,
  viewer: AuthenticatedUser | null,
  id: string,
  input: Partial<SessionTypeInput>,
): Promise<SessionType> {
  const mentor = requireRole(viewer, "MENTOR");
  const data = validateChanges(input);
  // One conditional statement: an archive racing this update wins or loses whole.
  const updated = await db.sessionType.updateMany({ where: { id, mentorId: mentor.id, active: true }, data });
  const sessionType = await db.sessionType.findFirst({ where: { id, mentorId: mentor.id } });
  if (!sessionType) throw new NotFoundError("Session type");
  if (updated.count !== 1) throw new SessionTypeArchivedError();
  return sessionType;
}
