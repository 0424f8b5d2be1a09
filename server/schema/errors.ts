// The Error interface and one GraphQL type per domain error (server/shared/errors.ts).
import { builder } from "./builder.ts";
import { BookingActionEnum, BookingStatusEnum } from "./enums.ts";
import {
  type DomainError,
  EmailTakenError,
  ERROR_CODES,
  type ErrorCode,
  InvalidCredentialsError,
  InvalidTransitionError,
  NotAuthenticatedError,
  NotAuthorizedError,
  NotFoundError,
  PaymentCaptureError,
  PaymentProviderError,
  RateLimitedError,
  SessionTypeArchivedError,
  VALIDATION_RULES,
  ValidationError,
} from "../shared/errors.ts";
import type { VIEWER_ACTIONS } from "../bookings/booking-lifecycle.ts";

export const ErrorCodeEnum = builder.enumType("ErrorCode", {
  description: "The kinds of domain failure (Error.code): stable values a program can switch on.",
  values: Object.fromEntries(Object.entries(ERROR_CODES).map(([code, description]) => [code, { value: code, description }])) as {
    [code in ErrorCode]: { value: code; description: string };
  },
});

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "Every domain failure a mutation can return. `code` is stable; `message` is for people.",
  fields: (t) => ({
    message: t.exposeString("message", { description: "What went wrong, for people (may change)." }),
    code: t.field({
      type: ErrorCodeEnum,
      description: "What kind of failure, for programs (stable). The error's type says more.",
      resolve: (error) => error.code,
    }),
  }),
});

function errorType(cls: new (...args: never[]) => DomainError, description: string) {
  return builder.objectType(cls as unknown as new (...args: unknown[]) => DomainError, {
    name: cls.name,
    description,
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof cls,
  });
}

errorType(NotAuthenticatedError, "The caller is not signed in (no, unknown, expired or revoked token).");
errorType(NotAuthorizedError, "The caller is signed in but may not do this.");
errorType(NotFoundError, "Nothing with this id exists that the caller may see.");
errorType(InvalidCredentialsError, "The email or password is wrong.");
errorType(EmailTakenError, "An account with this email exists.");
errorType(PaymentProviderError, "The payment provider could not be reached; nothing was charged.");
errorType(SessionTypeArchivedError, "The session type is archived: it can no longer be changed (code INVALID_STATE).");

export const ValidationRuleEnum = builder.enumType("ValidationRule", {
  description: "The rule a ValidationError names.",
  values: Object.fromEntries(
    Object.entries(VALIDATION_RULES).map(([rule, description]) => [rule.toUpperCase(), { value: rule, description }]),
  ) as Record<string, { value: string; description: string }>,
});

builder.objectType(ValidationError, {
  name: "ValidationError",
  description: "An argument broke a rule; `field` names the argument and `rule` the rule.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    field: t.exposeString("field", { description: "The argument that broke the rule, as named in the schema." }),
    rule: t.field({ type: ValidationRuleEnum, description: "Which rule it broke.", resolve: (error) => error.rule }),
  }),
});

builder.objectType(InvalidTransitionError, {
  name: "InvalidTransitionError",
  description: "The booking's current status does not allow this action.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidTransitionError,
  fields: (t) => ({
    action: t.field({
      type: BookingActionEnum,
      description: "What was refused (as Booking.viewerCan names it).",
      resolve: (error) => {
        const action = REFUSED_ACTION[error.action];
        if (!action) throw new Error(`No BookingAction for the refused action ${error.action}`);
        return action;
      },
    }),
    currentStatus: t.field({
      type: BookingStatusEnum,
      description: "The booking's status when it was refused.",
      resolve: (error) => error.currentStatus as never,
    }),
  }),
});

builder.objectType(RateLimitedError, {
  name: "RateLimitedError",
  description: "Too many attempts; nothing was done. Try again after `retryAfterSeconds` (at `retryAt`).",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RateLimitedError,
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt("retryAfterSeconds", { description: "How long to wait before trying again." }),
    retryAt: t.expose("retryAt", { type: "DateTime", description: "When trying again may succeed." }),
  }),
});

builder.objectType(PaymentCaptureError, {
  name: "PaymentCaptureError",
  description:
    "The mentee's card could not be charged when the booking was confirmed; the booking is still PENDING and nothing was charged. With `retryable`, the payment provider was unreachable: confirming again is safe (the card is charged once). Without it, the card's authorisation was refused or has lapsed: decline the booking, or ask the mentee to book again.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof PaymentCaptureError,
  fields: (t) => ({
    retryable: t.exposeBoolean("retryable", { description: "Whether confirming again may succeed." }),
  }),
});

/** The lifecycle's action names (server/bookings/booking-lifecycle.ts) as BookingAction values. */
const REFUSED_ACTION: Record<string, (typeof VIEWER_ACTIONS)[number] | undefined> = {
  pay: "PAY",
  confirm: "CONFIRM",
  decline: "DECLINE",
  addLinks: "ADD_LINKS",
  scheduleSession: "SCHEDULE",
  complete: "COMPLETE",
  cancel: "CANCEL",
};

// Each mutation lists only the errors it can raise (its union is its documentation):
/** Signed-in callers in the right role. */
export const AUTH_ERRORS = [NotAuthenticatedError, NotAuthorizedError];
/** A command on one booking by id (a malformed id is NotFoundError, like an unknown one). */
export const BOOKING_ERRORS = [...AUTH_ERRORS, NotFoundError, InvalidTransitionError];
/** A command on one booking that also takes input that can be invalid. */
export const BOOKING_INPUT_ERRORS = [...BOOKING_ERRORS, ValidationError];

/**
 * The `errors` option of a mutation on one booking: the errors it can raise, and on success a
 * `<Mutation>Success` whose `booking` field is the booking as the mutation left it (`booking`
 * says what to look at there).
 */
export function bookingMutationErrors(mutation: string, types: (new (...args: never[]) => Error)[], booking: string) {
  return { types, result: { description: `${mutation} succeeded.` }, dataField: { name: "booking" as const, description: booking } };
}
