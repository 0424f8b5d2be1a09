// Domain errors. Each becomes a GraphQL object type implementing `Error { message code }`
// (server/schema/errors.ts), so mutations return them in their result unions.

/** Every `code` a domain error carries: stable, for programs (GraphQL enum ErrorCode). */
export const ERROR_CODES = {
  UNAUTHENTICATED: "Not signed in: no credential, or one that is unknown, expired or revoked.",
  FORBIDDEN: "Signed in, but not allowed to do this (a role, or an API key's scopes).",
  NOT_FOUND: "Nothing with this id exists that the caller may see.",
  INVALID_INPUT: "An argument is not acceptable (ValidationError names the field and the rule).",
  INVALID_STATE: "Not possible in the thing's current state (e.g. confirming a cancelled booking).",
  INVALID_CREDENTIALS: "The email or password is wrong.",
  EMAIL_TAKEN: "An account with this email exists.",
  PAYMENT_PROVIDER_UNAVAILABLE: "The payment provider could not be reached; nothing was charged.",
  PAYMENT_CAPTURE_FAILED: "The mentee's card could not be charged on confirming; the booking is unchanged.",
  RATE_LIMITED: "Too many attempts; try again later (the message says when).",
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
}

export class NotAuthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED";
  constructor(message = "Sign in to do this.") {
    super(message);
  }
}

/** Signed in, but this role or account may not do it. */
export class NotAuthorizedError extends DomainError {
  readonly code = "FORBIDDEN";
}

/** Also returned for things that exist but are not the caller's, so nothing leaks. */
export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
  constructor(readonly entity: string) {
    super(`${entity} not found.`);
  }
}

/** Every rule a ValidationError can name: the internal name is the value, the enum value its upper case. */
export const VALIDATION_RULES = {
  required: "Empty (after trimming), but required.",
  max_length: "Too long (the message says the limit).",
  min_length: "Too short (the message says the minimum).",
  unicode: "Not well-formed Unicode (a lone surrogate).",
  characters: "Holds characters that are not allowed (control characters; line breaks in one-line text).",
  email: "Not an email address.",
  weak: "A password too easy to guess (the message says why).",
  url: "Not a complete URL.",
  https: "Not an https: URL.",
  no_credentials: "A URL with a user name or password.",
  range: "A number outside its range (the message says which).",
  not_allowed: "A value the caller may not choose (e.g. an API key scope a partner key may not have).",
  future: "A time that must be in the future is not.",
  max_keys: "Already holding the most API keys allowed; revoke one first.",
  not_charged: "A refund amount for a booking whose card was never charged (only authorised, or unpaid): leave it out.",
  private_address: "A webhook URL that reaches a private, loopback, link-local, unique-local, CGNAT or multicast address.",
  max_endpoints: "Already holding the most webhook endpoints allowed; delete one first.",
  event_type: "An unknown webhook event type.",
  charged_back:
    "A refund of a payment the mentee's bank already returned after a card dispute (Stripe refuses it); only releasing what is left is possible.",
} as const;

/** The rule a ValidationError names (the enum ValidationRule in the schema). */
export type ValidationRule = keyof typeof VALIDATION_RULES;

export class ValidationError extends DomainError {
  readonly code = "INVALID_INPUT";
  /** The argument that failed and the rule it broke, e.g. field "meetingLink", rule "https". */
  constructor(
    readonly field: string,
    readonly rule: ValidationRule,
    message: string,
  ) {
    super(message);
  }
}

export class InvalidTransitionError extends DomainError {
  readonly code = "INVALID_STATE";
  constructor(
    readonly action: string,
    readonly currentStatus: string,
    message: string,
  ) {
    super(message);
  }
}

/** A change to an archived session type (archiving is final). */
export class SessionTypeArchivedError extends DomainError {
  readonly code = "INVALID_STATE";
  constructor() {
    super("This session type is archived and can no longer be changed.");
  }
}

export class InvalidCredentialsError extends DomainError {
  readonly code = "INVALID_CREDENTIALS";
  constructor() {
    super("Email or password is incorrect.");
  }
}

export class EmailTakenError extends DomainError {
  readonly code = "EMAIL_TAKEN";
  constructor() {
    super("An account with this email already exists.");
  }
}

export class PaymentProviderError extends DomainError {
  readonly code = "PAYMENT_PROVIDER_UNAVAILABLE";
  constructor() {
    super("The payment provider could not be reached. Please try again.");
  }
}

/** Too many attempts (sign-in, sign-up): try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly code = "RATE_LIMITED";
  readonly retryAt: Date;
  constructor(
    readonly retryAfterSeconds: number,
    what: string,
  ) {
    super(
      `Too many ${what}. Try again in ${retryAfterSeconds < 120 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}.`,
    );
    this.retryAt = new Date(Date.now() + retryAfterSeconds * 1000);
  }
}

/**
 * The mentee's card could not be charged when the mentor confirmed (the authorisation was
 * refused at capture, or has lapsed). The booking stays PENDING. `retryable`: the provider could
 * not be reached or answered "try again"; confirming again may succeed, and never charges twice.
 */
export class PaymentCaptureError extends DomainError {
  readonly code = "PAYMENT_CAPTURE_FAILED";
  constructor(
    readonly retryable: boolean,
    message: string,
  ) {
    super(message);
  }
}
