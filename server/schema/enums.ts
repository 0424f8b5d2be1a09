import { builder } from "./builder.ts";
import { ActorKind, BookingStatus, Role } from "../generated/prisma/enums.ts";

export const BookingStatusEnum = builder.enumType(BookingStatus, {
  name: "BookingStatus",
  description:
    "AWAITING_PAYMENT -> PENDING (paid: the card authorised) -> CONFIRMED (charged) | DECLINED (the hold released); CONFIRMED -> COMPLETED. CANCELLED: by the mentee while AWAITING_PAYMENT or PENDING (the hold released) or CONFIRMED (refunded by the cancellation policy), by the mentor while CONFIRMED (refunded in full), or by an admin; EXPIRED: the checkout expired unpaid, or the mentor left a paid request unanswered (the hold released).",
});
export const RoleEnum = builder.enumType(Role, {
  name: "Role",
  description: "MENTEE books and pays; MENTOR offers session types and holds sessions; ADMIN approves mentors.",
});
export const ActorKindEnum = builder.enumType(ActorKind, {
  name: "ActorKind",
  description: "USER: a signed-in user; STRIPE: a verified Stripe event; SYSTEM: a scheduled job.",
});
export const SignUpRoleEnum = builder.enumType("SignUpRole", {
  description: "The roles anyone may sign up for (admins are not signed up).",
  values: ["MENTOR", "MENTEE"] as const,
});
export const BookingActionEnum = builder.enumType("BookingAction", {
  description:
    "What the viewer may do to a booking now (from the viewer's side, derived from the lifecycle table): each appears only when doing it would succeed.",
  values: {
    PAY: { value: "PAY", description: "The mentee pays at Booking.checkoutUrl (the booking is AWAITING_PAYMENT)." },
    CONFIRM: { value: "CONFIRM", description: "The mentor confirms a paid request: confirmBooking." },
    DECLINE: { value: "DECLINE", description: "The mentor declines a paid request, releasing the card hold: declineBooking." },
    ADD_LINKS: { value: "ADD_LINKS", description: "The mentor adds or changes the session links: addBookingLinks." },
    SCHEDULE: {
      value: "SCHEDULE",
      description:
        "The mentee or the mentor records or changes the session's start (a CONFIRMED booking, until it starts): scheduleSession.",
    },
    COMPLETE: { value: "COMPLETE", description: "The mentor marks the session complete (both links added): completeBooking." },
    CANCEL: {
      value: "CANCEL",
      description:
        "Cancel: cancelBooking. The mentee while unpaid, PENDING (the hold released) or CONFIRMED (refunded by the policy, see Booking.cancellation); the mentor a CONFIRMED booking (refunded in full).",
    },
  } as const,
});
