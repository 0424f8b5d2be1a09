// Sign up, log in, log out, the account's name and mentor approval.
import type { Db } from "../db/client.ts";
import type { User } from "../generated/prisma/client.ts";
import { isUniqueViolation } from "../db/errors.ts";
import type { Role } from "../generated/prisma/enums.ts";
import {
  checkName,
  checkPassword,
  hashPassword,
  issueToken,
  normaliseEmail,
  revokeToken,
  verifyPassword,
  type AuthenticatedUser,
} from "./auth.ts";
import { EmailTakenError, InvalidCredentialsError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { requireRole, requireViewer } from "./viewer.ts";
import { cleanText } from "../shared/text.ts";

export interface AuthResult {
  token: string;
  user: User;
}

export async function signUp(
  db: Db,
  input: { email: string; password: string; name: string; role: Extract<Role, "MENTOR" | "MENTEE"> | "ADMIN" },
  options: { skipStrengthCheck?: boolean } = {},
): Promise<AuthResult> {
  const email = normaliseEmail(input.email);
  const name = checkName(input.name);
  if (options.skipStrengthCheck) await checkPassword(input.password, [], { strength: false });
  else await checkPassword(input.password, [email, email.split("@")[0]!, name]);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: {
        email,
        name,
        role: input.role,
        passwordHash,
        ...(input.role === "MENTOR" ? { mentorProfile: { create: {} } } : {}),
      },
    });
    return { token: await issueToken(db, user.id), user };
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

export async function logIn(db: Db, input: { email: string; password: string }): Promise<AuthResult> {
  // A malformed email matches no account (signUp stores only normalised ones): say what is wrong.
  const email = normaliseEmail(input.email);
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) throw new InvalidCredentialsError();
  return { token: await issueToken(db, user.id), user };
}

/** Revokes the token this request was made with. */
export async function logOut(db: Db, viewer: AuthenticatedUser | null): Promise<void> {
  await revokeToken(db, requireViewer(viewer).tokenId);
}

/** Idempotent: approving an approved mentor keeps the first approval. */
export async function approveMentor(db: Db, viewer: AuthenticatedUser | null, userId: string): Promise<User> {
  const admin = requireRole(viewer, "ADMIN");
  const profile = await db.mentorProfile.findUnique({ where: { userId } });
  if (!profile) throw new NotFoundError("Mentor");
  await db.mentorProfile.updateMany({
    where: { userId, approvedAt: null },
    data: { approvedAt: new Date(), approvedById: admin.id },
  });
  return db.user.findUniqueOrThrow({ where: { id: userId } });
}

export const HEADLINE_MAX_LENGTH = 160;

/**
 * The mentor's own profile: the headline is one line of text, checked like every text argument
 * (well-formed, NFC, trimmed, no control characters, bounded). `listed` says whether lists of
 * mentors show it (the mentor is approved).
 */
export async function updateMentorProfile(
  db: Db,
  viewer: AuthenticatedUser | null,
  input: { headline?: string },
): Promise<{ mentor: User; listed: boolean }> {
  const mentor = requireRole(viewer, "MENTOR");
  const data =
    input.headline === undefined
      ? {}
      : { headline: cleanText("headline", "Headline", input.headline, { max: HEADLINE_MAX_LENGTH, singleLine: true }) };
  const profile = await db.mentorProfile.upsert({ where: { userId: mentor.id }, create: { userId: mentor.id, ...data }, update: data });
  return { mentor: await db.user.findUniqueOrThrow({ where: { id: mentor.id } }), listed: profile.approvedAt !== null };
}

/**
 * Changes the viewer's display name, checked as signUp checks it. `listed` says whether lists
 * of mentors show it (an approved mentor).
 */
export async function updateAccount(
  db: Db,
  viewer: AuthenticatedUser | null,
  input: { name: string },
): Promise<{ user: User; listed: boolean }> {
  const me = requireViewer(viewer);
  const name = checkName(input.name);
  const user = await db.user.update({ where: { id: me.id }, data: { name }, include: { mentorProfile: { select: { approvedAt: true } } } });
  const { mentorProfile, ...rest } = user;
  return { user: rest, listed: mentorProfile?.approvedAt != null };
}

/** Creates ADMIN_EMAIL's admin account at start if it does not exist. */
export async function ensureAdmin(db: Db, admin: { email: string; password: string }): Promise<void> {
  const email = normaliseEmail(admin.email);
  if (await db.user.findUnique({ where: { email } })) return;
  try {
    await signUp(db, { email, password: admin.password, name: "Admin", role: "ADMIN" });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (error instanceof EmailTakenError) return;
    if (error instanceof ValidationError) throw new Error(`ADMIN_${error.field.toUpperCase()}: ${error.message}`);
    throw error;
  }
}
