import { builder } from "./builder.ts";
import { ActorKind, BookingStatus, Role } from "../generated/prisma/enums.ts";

export const BookingStatusEnum = builder.enumType(BookingStatus, {
  name: "BookingStatus",
  description:
    "AWAITING_PAYMENT -> PENDING (paid) -> CONFIRMED | DECLINED (refunded); CONFIRMED -> COMPLETED. The mentee may cancel (CANCELLED) while AWAITING_PAYMENT or PENDING (refunded); EXPIRED: the checkout expired unpaid, or the mentor left a paid request unanswered (refunded).",
});
export const RoleEnum = builder.enumType(Role, { name: "Role" });
export const ActorKindEnum = builder.enumType(ActorKind, {
  name: "ActorKind",
  description: "USER: a signed-in user; STRIPE: a verified Stripe event; SYSTEM: a scheduled job.",
});
export const SignUpRoleEnum = builder.enumType("SignUpRole", { values: ["MENTOR", "MENTEE"] as const });
export const BookingActionEnum = builder.enumType("BookingAction", {
  description: "What the viewer may do to a booking now.",
  values: {
    pay: { value: "pay" },
    confirm: { value: "confirm" },
    decline: { value: "decline" },
    complete: { value: "complete" },
    cancel: { value: "cancel" },
    expire: { value: "expire" },
    addLinks: { value: "addLinks" },
  } as const,
});
