// Rules for the availability and meeting links a mentor adds to a confirmed booking.
import { ValidationError } from "../shared/errors.ts";

export const MAX_LINK_LENGTH = 2048;

/** Returns the normalised URL, or throws a ValidationError naming the rule that failed. */
export function parseSessionLink(field: string, raw: string): string {
  const value = raw.trim();
  if (value.length === 0) throw new ValidationError(field, "required", `${field} is required.`);
  if (value.length > MAX_LINK_LENGTH) {
    throw new ValidationError(field, "max_length", `${field} must be at most ${MAX_LINK_LENGTH} characters.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(field, "url", `${field} must be a complete URL such as https://meet.google.com/abc-defg-hij.`);
  }
  if (url.protocol !== "https:") {
    throw new ValidationError(field, "https", `${field} must start with https://.`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new ValidationError(field, "no_credentials", `${field} must not contain a user name or password.`);
  }
  const normalised = url.href;
  if (normalised.length > MAX_LINK_LENGTH) {
    throw new ValidationError(field, "max_length", `${field} must be at most ${MAX_LINK_LENGTH} characters.`);
  }
  return normalised;
}
