// Who may see a booking: the one rule behind every read (Query.booking, bookings,
// bookingChanged) and every command (transition-booking.ts's lockBookingFor). A caller who may
// not see a booking is told only NOT_FOUND, whatever they try, before any of its state is read
// out to them: the same answer as for an id that does not exist.
//   - its mentee, always;
//   - its mentor once it is paid (an unpaid request is not the mentor's business yet);
//   - admins, always;
//   - a partner key (an admin's API key): a paid booking of a mentor who granted that partner
//     access (PartnerGrant), never more. Not the admin's own reach.
import type { Booking, Prisma } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";

export interface Viewer {
  id: string;
  role: Role;
  /** An API key's caller; for a partner key, the mentors who granted it access. */
  apiKey?: { id: string; partner: boolean; grantedMentorIds: ReadonlySet<string> } | undefined;
}

const isPartnerKey = (viewer: Viewer) => viewer.role === "ADMIN" && viewer.apiKey?.partner === true;

type Parties = Pick<Booking, "mentorId" | "menteeId"> & { paid: boolean };

export function canSeeBooking(viewer: Viewer | null, booking: Parties): boolean {
  if (!viewer) return false;
  if (isPartnerKey(viewer)) return booking.paid && viewer.apiKey!.grantedMentorIds.has(booking.mentorId);
  if (viewer.role === "ADMIN") return true;
  return booking.menteeId === viewer.id || (booking.mentorId === viewer.id && booking.paid);
}

/** The user's part in a booking they may see ("mentor", "mentee"), or null. */
export function partyIn(userId: string, booking: Pick<Booking, "mentorId" | "menteeId" | "paidAt">): "mentor" | "mentee" | null {
  if (userId === booking.menteeId) return "mentee";
  if (userId === booking.mentorId && booking.paidAt !== null) return "mentor";
  return null;
}

/** canSeeBooking as a Prisma filter. */
export function visibleBookings(viewer: Viewer | null): Prisma.BookingWhereInput {
  if (!viewer) return { id: "00000000-0000-0000-0000-000000000000" };
  // The grants as they are now, not as when the key was authenticated.
  if (isPartnerKey(viewer)) return { paidAt: { not: null }, mentor: { partnerGrants: { some: { apiKeyId: viewer.apiKey!.id } } } };
  if (viewer.role === "ADMIN") return {};
  return { OR: [{ mentorId: viewer.id, paidAt: { not: null } }, { menteeId: viewer.id }] };
}
