// Demo data for an empty database: an admin, approved mentors with session types, a mentee,
// and bookings in several states, all made through the same commands the API uses.
import type { Services } from "./services.ts";
import type { AuthenticatedUser } from "./accounts/auth.ts";
import { approveMentor, signUp } from "./accounts/account-commands.ts";
import { createSessionType } from "./bookings/session-type-commands.ts";
import { scheduleSession } from "./bookings/session-time.ts";
import {
  addBookingLinks,
  completeBooking,
  confirmBooking,
  declineBooking,
  markBookingPaid,
  requestBooking,
} from "./bookings/booking-commands.ts";

export const DEMO_PASSWORD = "demo-password";

export const DEMO_ACCOUNTS = [
  { email: "admin@demo.test", name: "Ada Admin", role: "ADMIN" },
  { email: "maria@demo.test", name: "Maria Mentor", role: "MENTOR" },
  { email: "sam@demo.test", name: "Sam Senior", role: "MENTOR" },
  { email: "mia@demo.test", name: "Mia Mentee", role: "MENTEE" },
] as const;

export async function isEmpty(services: Services): Promise<boolean> {
  return (await services.db.user.count()) === 0;
}

export async function seedDemo(services: Services): Promise<void> {
  const { db } = services;
  const users: Record<string, AuthenticatedUser> = {};
  for (const account of DEMO_ACCOUNTS) {
    // The demo's printed password is easy to guess on purpose; the API would refuse it.
    const { user } = await signUp(db, { ...account, password: DEMO_PASSWORD }, { skipStrengthCheck: true });
    users[account.email] = { id: user.id, role: user.role, tokenId: "" };
  }
  const admin = users["admin@demo.test"]!;
  const maria = users["maria@demo.test"]!;
  const sam = users["sam@demo.test"]!;
  const mia = users["mia@demo.test"]!;
  await db.mentorProfile.update({
    where: { userId: maria.id },
    data: { headline: "Staff engineer, 12 years of backend and career growth" },
  });
  await db.mentorProfile.update({ where: { userId: sam.id }, data: { headline: "Product designer; portfolios and interviews" } });
  await approveMentor(db, admin, maria.id);
  await approveMentor(db, admin, sam.id);

  const intro = await createSessionType(db, maria, { title: "Intro call", durationMinutes: 30, priceCents: 2500 });
  const deep = await createSessionType(db, maria, { title: "Architecture deep dive", durationMinutes: 60, priceCents: 9000 });
  await createSessionType(db, sam, { title: "Portfolio review", durationMinutes: 45, priceCents: 6000 });

  const book = async (sessionTypeId: string, message: string) => {
    const { booking } = await requestBooking(services, mia, { sessionTypeId, message });
    return booking;
  };
  // Paid as the payment simulator pays (its card authorised, same payment intent id), so confirming
  // captures it and declining releases it on the demo too.
  const pay = (bookingId: string) =>
    markBookingPaid(services, {
      bookingId,
      paymentIntentId: `pi_sim_${bookingId.replace(/-/g, "")}`,
      captured: false,
      event: { id: `evt_seed_${bookingId}`, type: "checkout.session.completed" },
    });

  await book(intro.id, "I would like to talk about moving into a staff role.");
  const pending = await book(deep.id, "Could we review the design of my event-sourced app?");
  await pay(pending.id);
  const scheduled = async (sessionTypeId: string, message: string, meetingCode: string) => {
    const booking = await book(sessionTypeId, message);
    await pay(booking.id);
    await confirmBooking(services, maria, booking.id);
    await addBookingLinks(services, maria, {
      bookingId: booking.id,
      availabilityLink: "https://calendar.google.com/calendar/appointments/schedules/demo",
      meetingLink: `https://meet.google.com/${meetingCode}`,
    });
    return booking;
  };
  const followUp = await scheduled(intro.id, "Follow-up on my promotion case.", "demo-abcd-efg");
  // The mentee picked a time with the availability link: tomorrow, on the hour (the Upcoming view shows it).
  const tomorrow = new Date(Date.now() + 24 * 60 * 60_000);
  tomorrow.setUTCMinutes(0, 0, 0);
  await scheduleSession(services, mia, { bookingId: followUp.id, startsAt: tomorrow });
  const completed = await scheduled(deep.id, "Database sharding questions.", "demo-hijk-lmn");
  await completeBooking(services, maria, completed.id);
  const declined = await book(intro.id, "Can we talk about frontend frameworks?");
  await pay(declined.id);
  await declineBooking(services, maria, declined.id, "Frontend is not my field; Sam is a better fit.");
}
