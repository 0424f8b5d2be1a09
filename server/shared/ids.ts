// Every row id is a UUID (PostgreSQL uuid columns): anything else must be refused before a query,
// or PostgreSQL fails the whole statement on it.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The id of a Stripe object field that is either expanded ({ id }) or only its id. */
export const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === "string" ? value : (value?.id ?? null);
