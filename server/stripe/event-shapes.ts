// What a verified Stripe webhook body must look like before a handler may read it. The SDK's
// types describe what Stripe promises, not what arrived: a field of the wrong type throws inside
// a handler, and a string PostgreSQL cannot store (NUL, a lone surrogate) fails its query. Both
// were 500s, which Stripe retries for days. Each handled type's data.object is checked here for
// exactly the fields its handler reads (absent or null is fine where Stripe may send null; the
// handler then ignores the event), so a handler only ever sees values of the promised types.
import { hasControlCharacters, isWellFormed } from "../shared/text.ts";

/** The body is not an event at all (400). */
export class NotAnEventError extends Error {}

/** An event of a handled type whose data.object is not what its handler reads (recorded, 200). */
export class UnreadableEventError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path} is not ${expected}`);
  }
}

type Check = (value: unknown, path: string) => void;

const fail = (path: string, expected: string): never => {
  throw new UnreadableEventError(path, expected);
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Text that PostgreSQL can store and a person can read. */
const text =
  (max: number): Check =>
  (value, path) => {
    if (typeof value !== "string" || value.length > max || !isWellFormed(value) || hasControlCharacters(value)) {
      fail(path, `a string of at most ${max} printable characters`);
    }
  };

/** Stripe's object ids and enum values: evt_…, cs_…, pi_…, acct_…, "paid", "succeeded". */
const token: Check = (value, path) => {
  if (typeof value !== "string" || !/^[A-Za-z0-9_.:-]{1,255}$/.test(value)) fail(path, "a Stripe id or keyword");
};

const integer: Check = (value, path) => {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) fail(path, "an integer");
};

const boolean: Check = (value, path) => {
  if (typeof value !== "boolean") fail(path, "a boolean");
};

const currency: Check = (value, path) => {
  if (typeof value !== "string" || !/^[A-Za-z]{3}$/.test(value)) fail(path, "an ISO 4217 currency code");
};

const nullable =
  (check: Check): Check =>
  (value, path) => {
    if (value !== null && value !== undefined) check(value, path);
  };

const object =
  (fields: Record<string, Check>): Check =>
  (value, path) => {
    if (!isObject(value)) return fail(path, "an object");
    for (const [key, check] of Object.entries(fields)) check(value[key], `${path}.${key}`);
  };

const listOf =
  (check: Check, max = 1000): Check =>
  (value, path) => {
    if (!Array.isArray(value) || value.length > max) return fail(path, "a list");
    for (const [i, item] of value.entries()) check(item, `${path}[${i}]`);
  };

/** Stripe metadata: string values (ours hold ids). */
const metadata: Check = (value, path) => {
  if (!isObject(value)) return fail(path, "an object");
  for (const [key, item] of Object.entries(value)) text(500)(item, `${path}.${key}`);
};

/** An expandable reference: the id, or the expanded object with its id. */
const reference: Check = (value, path) => (typeof value === "string" ? token(value, path) : object({ id: token })(value, path));

const checkoutSession = object({
  id: token,
  client_reference_id: nullable(text(200)),
  metadata: nullable(metadata),
  status: nullable(token),
  payment_status: nullable(token),
  payment_intent: nullable(reference),
  amount_total: nullable(integer),
  currency: nullable(currency),
});

const refundFields = {
  id: token,
  payment_intent: nullable(reference),
  metadata: nullable(metadata),
  status: nullable(token),
  failure_reason: nullable(text(500)),
};
const refund = object(refundFields);

const charge = object({
  id: token,
  payment_intent: nullable(reference),
  metadata: nullable(metadata),
  refunded: nullable(boolean),
  refunds: nullable(object({ data: nullable(listOf(object(refundFields), 100)) })),
});

const account = object({
  id: token,
  payouts_enabled: nullable(boolean),
  details_submitted: nullable(boolean),
  requirements: nullable(
    object({
      past_due: nullable(listOf(text(500))),
      currently_due: nullable(listOf(text(500))),
      disabled_reason: nullable(text(500)),
    }),
  ),
});

const transfer = object({
  id: token,
  metadata: nullable(metadata),
  transfer_group: nullable(text(200)),
  destination: nullable(reference),
  amount: integer,
  amount_reversed: nullable(integer),
  reversed: nullable(boolean),
});

/** A card dispute: the charge it disputes, how much, and (closed) its fee. */
const dispute = object({
  id: token,
  charge: reference,
  payment_intent: nullable(reference),
  amount: integer,
  currency,
  reason: nullable(text(200)),
  status: token,
  balance_transactions: nullable(listOf(object({ fee: nullable(integer) }), 100)),
});

/**
 * data.object of every event type a handler reads (server/stripe/dispatcher.ts and
 * server/payouts/stripe-events.ts). A test fails when a handled type has no entry here.
 */
export const EVENT_OBJECT_SHAPES: Record<string, Check> = {
  "checkout.session.completed": checkoutSession,
  "checkout.session.async_payment_succeeded": checkoutSession,
  "checkout.session.expired": checkoutSession,
  "payment_intent.canceled": object({ id: token }),
  "refund.created": refund,
  "refund.updated": refund,
  "refund.failed": refund,
  "charge.refunded": charge,
  "account.updated": account,
  "transfer.created": transfer,
  "transfer.reversed": transfer,
  "transfer.updated": transfer,
  "charge.dispute.created": dispute,
  "charge.dispute.closed": dispute,
};

export interface VerifiedEvent {
  id: string;
  type: string;
  created?: number | null;
  data: { object: unknown };
}

/** Unix seconds of 10000-01-01: later instants have no ISO 8601 form that PostgreSQL reads. */
const YEAR_10000 = 253_402_300_800;

/** An event's envelope: what every event, handled or not, has. Throws NotAnEventError. */
export function readEnvelope(body: unknown): VerifiedEvent {
  if (!isObject(body)) throw new NotAnEventError("The body is not a JSON object.");
  const { id, type, created, data } = body;
  if (typeof id !== "string" || !/^[A-Za-z0-9_.:-]{1,255}$/.test(id)) throw new NotAnEventError("The event has no valid id.");
  if (typeof type !== "string" || !/^[a-z0-9_.]{1,255}$/.test(type)) throw new NotAnEventError("The event has no valid type.");
  if (
    created !== undefined &&
    created !== null &&
    (typeof created !== "number" || !Number.isSafeInteger(created) || created < 0 || created >= YEAR_10000)
  ) {
    throw new NotAnEventError("The event's created is not a timestamp.");
  }
  if (!isObject(data)) throw new NotAnEventError("The event has no data object.");
  return body as unknown as VerifiedEvent; // the body itself: handlers may read more of the envelope
}

/** Throws UnreadableEventError when a handled event's data.object is not what its handler reads. */
export function checkEventObject(event: VerifiedEvent): void {
  const shape = EVENT_OBJECT_SHAPES[event.type];
  if (!shape) return; // not handled: acknowledged and ignored whatever it holds
  shape(event.data.object, "data.object");
  // account.updated orders its updates by the event's time.
  if (event.type === "account.updated" && typeof event.created !== "number") fail("created", "a timestamp");
}
