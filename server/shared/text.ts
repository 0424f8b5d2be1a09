// The one rule set for free text a user sends: well-formed Unicode, NFC normalised, trimmed,
// bounded, and free of characters that PostgreSQL text cannot hold (NUL, lone surrogates: they
// have no UTF-8 encoding) or that only hide content (other control characters).
import { ValidationError } from "./errors.ts";

// Tabs and line breaks are fine in messages; every other C0 control, DEL and the C1 controls are not.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string is valid UTF-16 (so it has a UTF-8 encoding): no lone surrogates. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** True when the string holds none of the control characters that make no sense in stored text. */
export function hasControlCharacters(text: string, options: { singleLine?: boolean } = {}): boolean {
  return CONTROL.test(text) || (options.singleLine === true && /[\r\n\t\u2028\u2029]/.test(text));
}

export function cleanText(
  field: string,
  label: string,
  raw: string,
  options: { max: number; required?: boolean; singleLine?: boolean },
): string {
  // Checked before normalising: normalize() would keep a lone surrogate, but say so first.
  if (!isWellFormed(raw)) {
    throw new ValidationError(field, "unicode", `${label} contains invalid characters (broken Unicode).`);
  }
  const text = raw.normalize("NFC").trim();
  if (options.required && text.length === 0) throw new ValidationError(field, "required", `${label} is required.`);
  if (text.length > options.max) {
    throw new ValidationError(field, "max_length", `${label} must be at most ${options.max.toLocaleString("en-US")} characters.`);
  }
  if (hasControlCharacters(text, options)) {
    throw new ValidationError(field, "characters", `${label} contains characters that are not allowed.`);
  }
  return text;
}
