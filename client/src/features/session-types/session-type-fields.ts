// What creating and editing a session type share: the fields' labels, their ranges in words, and
// the checks made before sending (the server still decides).
import type { FormOptions } from "../../components/form";
import { text } from "../../components/form";
import { parseDollars } from "../../lib/format";

const RANGE: Record<string, string> = {
  durationMinutes: "Duration must be between 15 and 480 minutes.",
  priceCents: "Price must be between $1.00 and $10,000.00.",
};

/** The form options of both forms: labels, and the server's range refusals in the form's words. */
export const SESSION_TYPE_FORM: FormOptions = {
  labels: { title: "Title", durationMinutes: "Duration", priceCents: "Price" },
  explain: (error) => {
    const range = error?.rule?.toLowerCase() === "range" && error.field ? RANGE[error.field] : undefined;
    return range ? { fields: { [error!.field!]: range } } : undefined;
  },
};

/** Every field's error at once: the title, the price and (where typed in) the duration. */
export function checkSessionType(values: FormData, { typedDuration }: { typedDuration: boolean }): Record<string, string> {
  const found: Record<string, string> = {};
  const priceCents = parseDollars(text(values, "priceCents"));
  if (!text(values, "title")) found.title = "Title is required.";
  if (typedDuration) {
    const duration = text(values, "durationMinutes");
    if (!/^\d{1,3}$/.test(duration) || Number(duration) < 15 || Number(duration) > 480) found.durationMinutes = RANGE.durationMinutes!;
  }
  if (priceCents === null) found.priceCents = "Enter a price in dollars with at most two decimals, e.g. 60 or 49.50.";
  else if (priceCents < 100 || priceCents > 1_000_000) found.priceCents = RANGE.priceCents!;
  return found;
}
