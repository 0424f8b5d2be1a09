// Words for the API's typed errors, written here: the client never shows raw server text.
// A mutation result is read by __typename (lib/mutation.ts); errors carry `code` and, for
// ValidationError, the argument (`field`) and the `rule` it broke; a PaymentCaptureError says
// whether trying again may help (`retryable`).
export interface TypedError {
  __typename: string;
  field?: string;
  rule?: string;
  code?: string;
  retryable?: boolean;
}

/** What a failed submission shows: a sentence above the submit button, and sentences under fields. */
export interface FormErrors {
  message?: string;
  fields: Record<string, string>;
}

/**
 * A typed error in words for a form whose fields have these labels: a ValidationError on one of
 * them goes under that field, anything else (null: no answer) above the button.
 */
export function formErrors(error: TypedError | null, labels: Record<string, string>): FormErrors {
  const label =
    error?.__typename === "ValidationError" && error.field && Object.hasOwn(labels, error.field) ? labels[error.field] : undefined;
  if (error && label) return { fields: { [error.field!]: fieldMessage(error, label) } };
  return { message: errorMessage(error), fields: {} };
}

const RULES: Record<string, (label: string) => string> = {
  required: (label) => `${label} is required.`,
  max_length: (label) => `${label} is too long.`,
  min_length: (label) => (label === "Password" ? "Password must be at least 10 characters." : `${label} is too short.`),
  email: () => "Enter a valid email address.",
  url: (label) => `${label} must be a complete URL, such as https://meet.google.com/abc-defg-hij.`,
  https: (label) => `${label} must start with https://.`,
  no_credentials: (label) => `${label} must not contain a user name or password.`,
  min: (label) => `${label} is too small.`,
  max: (label) => `${label} is too large.`,
  range: (label) => `${label} is out of range.`,
  future: (label) => `${label} must be in the future.`,
  weak: () => "This password is too easy to guess. A few unrelated words make a strong one.",
  unicode: (label) => `${label} contains characters that cannot be stored.`,
  characters: (label) => `${label} contains characters that are not allowed.`,
  id: (label) => `${label} does not point at anything this app knows.`,
};

const TYPES: Record<string, string> = {
  NotAuthenticatedError: "Your session has ended. Please sign in again.",
  NotAuthorizedError: "You are not allowed to do that.",
  NotFoundError: "That could not be found. It may have been removed.",
  InvalidTransitionError: "This booking has changed in the meantime; it can no longer do that.",
  InvalidCredentialsError: "That email and password do not match an account.",
  EmailTakenError: "An account with this email already exists. Sign in instead?",
  PaymentProviderError: "Payments are unavailable right now. Nothing was charged; please try again.",
  ProblemReportRefusedError: "A problem can no longer be reported for this session (already reported, or the time to report is over).",
  ProblemReportNotOpenError: "This problem report is no longer open: another admin may have resolved it, or a card dispute froze it.",
  DisputeNotFlaggedError: "This dispute no longer needs attention: another admin may have marked it handled.",
  RefundNotRetryableError: "This refund is no longer failed, so it cannot be sent again.",
};

export const NETWORK_ERROR = "Something went wrong reaching the server. Check your connection and try again.";

/** A sentence for one field's ValidationError, with the label the form shows. */
export function fieldMessage(error: TypedError, label: string): string {
  // The API names rules in upper case (ValidationRule); the checks before sending in lower case.
  const rule = error.rule ? RULES[error.rule.toLowerCase()] : undefined;
  return rule ? rule(label) : `${label} is not valid.`;
}

/**
 * Confirming a booking charges the mentee's card; when that fails the booking stays Pending.
 * `retryable`: the payment provider could not be reached, so trying again may work (it never
 * charges twice); otherwise the card's authorisation was refused or has lapsed.
 */
const CAPTURE_FAILED = {
  retryable:
    "The payment provider could not be reached, so the mentee’s card was not charged. The booking is still pending: try confirming again in a moment.",
  final:
    "The mentee’s card could not be charged: its authorisation was refused or has lapsed. The booking is still pending and nothing was charged; decline it, or ask the mentee to book again.",
};

/** A sentence for any non-field error. */
export function errorMessage(error: TypedError | undefined | null): string {
  if (!error) return NETWORK_ERROR;
  if (error.__typename === "ValidationError") return "Please check the form and try again.";
  if (error.__typename === "PaymentCaptureError") return error.retryable ? CAPTURE_FAILED.retryable : CAPTURE_FAILED.final;
  return TYPES[error.__typename] ?? "That did not work. Please try again.";
}
