// The Error interface and one GraphQL type per domain error (server/shared/errors.ts).
import { builder } from "./builder.ts";
import { BookingStatusEnum } from "./enums.ts";
import {
  type DomainError,
  EmailTakenError,
  InvalidCredentialsError,
  InvalidTransitionError,
  NotAuthenticatedError,
  NotAuthorizedError,
  NotFoundError,
  PaymentProviderError,
  RateLimitedError,
  ValidationError,
} from "../shared/errors.ts";

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "Every domain failure a mutation can return. `code` is stable; `message` is for people.",
  fields: (t) => ({
    message: t.exposeString("message"),
    code: t.exposeString("code"),
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

builder.objectType(ValidationError, {
  name: "ValidationError",
  description: "An argument broke a rule; `field` names the argument and `rule` the rule.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    field: t.exposeString("field"),
    rule: t.exposeString("rule"),
  }),
});

builder.objectType(InvalidTransitionError, {
  name: "InvalidTransitionError",
  description: "The booking's current status does not allow this action.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidTransitionError,
  fields: (t) => ({
    action: t.exposeString("action"),
    currentStatus: t.field({ type: BookingStatusEnum, resolve: (error) => error.currentStatus as never }),
  }),
});

builder.objectType(RateLimitedError, {
  name: "RateLimitedError",
  description: "Too many attempts; nothing was done. Try again after `retryAfterSeconds` (at `retryAt`).",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RateLimitedError,
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt("retryAfterSeconds"),
    retryAt: t.expose("retryAt", { type: "DateTime" }),
  }),
});

/** The errors every mutation may return, besides its own. */
export const COMMON_ERRORS = [NotAuthenticatedError, NotAuthorizedError, ValidationError];
export const BOOKING_ERRORS = [...COMMON_ERRORS, NotFoundError, InvalidTransitionError];
