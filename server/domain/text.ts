// The one rule set for free text a user sends: trimmed, bounded, and free of characters that
// PostgreSQL text cannot hold (NUL) or that only hide content (other control characters).
import { ValidationError } from "./errors.ts";

// Tabs and line breaks are fine in messages; every other C0 control and DEL is not.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function cleanText(
  field: string,
  label: string,
  raw: string,
  options: { max: number; required?: boolean; singleLine?: boolean },
): string {
  const text = raw.trim();
  if (options.required && text.length === 0) throw new ValidationError(field, "required", `${label} is required.`);
  if (text.length > options.max) {
    throw new ValidationError(field, "max_length", `${label} must be at most ${options.max.toLocaleString("en-US")} characters.`);
  }
  if (CONTROL.test(text) || (options.singleLine && /[\r\n\t]/.test(text))) {
    throw new ValidationError(field, "characters", `${label} contains characters that are not allowed.`);
  }
  return text;
}
