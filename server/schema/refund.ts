// Refund: the full refund of a booking's payment (declined, cancelled or expired while paid, or
// paid after it closed). Read through Booking.refund, so only the booking's people see it.
import { builder } from "./builder.ts";
import { RefundReason, RefundStatus } from "../generated/prisma/enums.ts";

export const RefundStatusEnum = builder.enumType(RefundStatus, {
  name: "RefundStatus",
  description:
    "PENDING: decided, being made through Stripe (retried until it goes through); SUCCEEDED: Stripe refunded the payment; FAILED: Stripe refused it for good, our team follows up.",
});

export const RefundReasonEnum = builder.enumType(RefundReason, {
  name: "RefundReason",
  description:
    "DECLINED by the mentor; CANCELLED by the mentee (before the mentor answered, or a confirmed booking in time for a full refund); MENTOR_CANCELLED: the mentor cancelled a confirmed booking (full refund); ADMIN: an admin cancelled (full or partial); EXPIRED unanswered; LATE_PAYMENT: paid after the booking was cancelled or expired; AMOUNT_MISMATCH: Stripe captured another amount or currency than the price, and all of it goes back; PROBLEM_REPORT: an admin resolved the mentee's problem report with a full or partial refund.",
});

builder.prismaObject("Refund", {
  description: "The full refund of a booking's payment to the mentee.",
  fields: (t) => ({
    status: t.expose("status", { type: RefundStatusEnum, description: "Where the refund is." }),
    reason: t.expose("reason", { type: RefundReasonEnum, description: "Why the payment goes back." }),
    amount: t.field({
      type: "Money",
      description: "What goes back to the mentee: the whole payment.",
      resolve: (r) => ({ amountCents: r.amountCents, currency: r.currency }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the refund was decided." }),
    succeededAt: t.expose("succeededAt", { type: "DateTime", nullable: true, description: "When Stripe refunded it (SUCCEEDED)." }),
    failureReason: t.exposeString("failureReason", { nullable: true, description: "Why Stripe refused it, when FAILED." }),
  }),
});
