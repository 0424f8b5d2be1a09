// A local stand-in for the Stripe API at the network edge: a node:http server that the official
// `stripe` SDK talks to (createStripeClient(key, new URL(standIn.url))). It parses form bodies
// the way Stripe does, keeps its objects in memory, honours Idempotency-Key like Stripe (same key
// and parameters: the stored response replayed; same key, other parameters: idempotency_error)
// and can fail chosen requests, so tests exercise the real SDK, its retries and our handling.
// Only what this project uses is implemented: Checkout Sessions (create, expire), payment intents
// (manual capture: authorise, capture, cancel, and an authorisation lapsing after 7 days), refunds,
// Connect Express accounts and account links, transfers (and their reversals); lists page like Stripe's.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import Stripe from "stripe";

type Params = { [key: string]: ParamValue };
type ParamValue = string | Params | ParamValue[];
type StripeObject = Record<string, any>;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Params;
  params: Params;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  status: number;
  /** True when the response was replayed from the idempotency store. */
  replayed: boolean;
  /** Set when failNext injected a fault into this request. */
  injected?: "before" | "after";
  /** When it arrived (Date.now()). */
  at: number;
}

export interface RateLimitMode {
  /** Requests accepted in any second (sliding window); more are answered 429 rate_limit at once. */
  perSecond: number;
  /** Each accepted request is answered after a delay drawn from [min, max] ms. */
  latencyMs?: [number, number];
  /** Sent as Retry-After (seconds) with each 429; absent by default, as Stripe's rate limiter does. */
  retryAfterSeconds?: number;
}

export type RequestMatcher = string | ((request: { method: string; path: string; params: Params }) => boolean);

export interface FailOptions {
  /** How many matching requests fail (default 1); Infinity until cleared with clearFailures(). */
  times?: number;
  /**
   * "before" (default): the request fails before anything is processed, so nothing is created
   * and nothing is stored under its idempotency key. "after": the request is processed and its
   * response stored, then the connection is dropped (the response is lost on the way back).
   */
  when?: "before" | "after";
  /** Response headers sent with the failure (e.g. Retry-After); they replace the defaults. */
  headers?: Record<string, string>;
}

/** The available balance GET /v1/balance reports per currency while balances are not modelled. */
const UNMODELLED_BALANCE = 1_000_000_000_000;

export interface StripeState {
  checkoutSessions: Map<string, StripeObject>;
  paymentIntents: Map<string, StripeObject>;
  refunds: Map<string, StripeObject>;
  accounts: Map<string, StripeObject>;
  accountLinks: StripeObject[];
  transfers: Map<string, StripeObject>;
  /**
   * Platform balance available for transfers, in cents per currency (served by GET /v1/balance;
   * captures add to pendingBalance, settleCharges() moves it here, transfers take from it);
   * absent means unlimited.
   */
  availableBalance: Map<string, number> | undefined;
  /**
   * With availableBalance: captured money not yet available (per currency), as Stripe holds a
   * card charge for days before it settles; settleCharges() makes it available.
   */
  pendingBalance: Map<string, number>;
  /** The status new refunds get: "succeeded" (default) or "pending" (settled later with settleRefund). */
  newRefundStatus: "succeeded" | "pending";
  /** Card disputes of captured charges (disputeCharge, closeDispute). */
  disputes: Map<string, StripeObject>;
}

export interface StripeStandIn {
  url: string;
  port: number;
  state: StripeState;
  requests: RecordedRequest[];
  /**
   * The next request(s) matching `match` ("POST /v1/refunds", a path such as "/v1/refunds", or a
   * predicate) fail with `status` and a Stripe error body, or with a dropped connection when
   * status is "drop".
   */
  failNext(
    match: RequestMatcher,
    status: number | "drop",
    error?: { type?: string; code?: string; message?: string },
    options?: FailOptions,
  ): void;
  clearFailures(): void;
  /** Turns the rate-limited, slow mode on (or off with null), as Stripe in live mode (25 requests/s in test mode). */
  limitRate(mode: RateLimitMode | null): void;
  /** Requests being answered now, and the most at once since start (or the last resetStats). */
  stats: { inFlight: number; maxInFlight: number };
  resetStats(): void;
  /**
   * Holds the next request matching `match` (a slow or hanging Stripe) until the returned
   * function is called; then it is processed as usual.
   */
  holdNext(match: RequestMatcher): () => void;
  /**
   * Marks an open Checkout Session paid (creating its payment intent); returns checkout.session.completed.
   * `paid`: what was paid when it is not the session's amount (an altered session); `capture:
   * "automatic"` takes the money at once even if the session asked for manual capture (a session
   * created before the platform switched to manual capture). With manual capture the payment
   * intent is `requires_capture` and the session `complete` but `unpaid`.
   */
  completeCheckout(sessionId: string, paid?: { amount?: number; currency?: string; capture?: "automatic" }): Stripe.Event;
  /** Lets an uncaptured authorisation lapse, as Stripe does after 7 days; returns payment_intent.canceled. */
  lapseAuthorization(paymentIntentId: string): Stripe.Event;
  /** Captured money becomes available for transfers (the charges settle); returns balance.available. */
  settleCharges(): Stripe.Event;
  /** Fails a refund that had succeeded (the card issuer refused it); returns refund.failed. */
  failSucceededRefund(refundId: string): Stripe.Event;
  /** Changes an account's state at Stripe without an event (an event is sent by the test). */
  updateAccount(accountId: string, changes: StripeObject): StripeObject;
  /** A pending refund becomes final, as Stripe settles it; returns refund.updated. */
  settleRefund(refundId: string, status: "succeeded" | "failed" | "canceled"): Stripe.Event;
  /** Reverses `amount` more cents of a transfer (as from the dashboard); returns transfer.reversed. */
  reverseTransfer(transferId: string, amount: number): Stripe.Event;
  /**
   * The cardholder's bank disputes a captured payment (all of it, or `amount`): Stripe takes the
   * amount and a dispute fee (`fee`, default 1500) from the balance; returns charge.dispute.created.
   */
  disputeCharge(paymentIntentId: string, options?: { amount?: number; reason?: string; fee?: number }): Stripe.Event;
  /**
   * Closes a dispute, as Stripe does when the bank decides: won reinstates the amount (and the fee);
   * returns charge.dispute.closed.
   */
  closeDispute(disputeId: string, status: "won" | "lost" | "warning_closed"): Stripe.Event;
  /** Expires an open Checkout Session as Stripe does after 24 hours; returns checkout.session.expired. */
  expireCheckout(sessionId: string): Stripe.Event;
  /** Finishes Connect onboarding of an account; returns account.updated. */
  enablePayouts(accountId: string): Stripe.Event;
  /** An event of `type` for `object` (a copy, as Stripe snapshots it). */
  event(type: string, object: StripeObject): Stripe.Event;
  /** The JSON body and Stripe-Signature header Stripe would send for this event. */
  sign(event: object, secret: string, timestamp?: number): { body: string; signature: string };
  /** Signs and POSTs an event to a webhook endpoint, as Stripe delivers it. */
  deliver(endpoint: string, event: object, secret: string): Promise<Response>;
  stop(): Promise<void>;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; message: string; code?: string; param?: string },
  ) {
    super(body.message);
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new StripeApiError(400, { type: "invalid_request_error", message, ...(param ? { param } : {}), ...(code ? { code } : {}) });
const missing = (kind: string, id: string, param = "id") =>
  new StripeApiError(404, { type: "invalid_request_error", code: "resource_missing", param, message: `No such ${kind}: '${id}'` });

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);
const clone = <T>(value: T): T => structuredClone(value);

/** Parses an application/x-www-form-urlencoded body with Stripe's bracket notation into objects and arrays. */
export function parseStripeForm(body: string): Params {
  const root: Params = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const first = rawKey.indexOf("[");
    const path = first < 0 ? [rawKey] : [rawKey.slice(0, first), ...[...rawKey.slice(first).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node: Params = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next !== "object" || next === null) node[segment] = {};
      node = node[segment] as Params;
    });
  }
  return arraysFromIndexedObjects(root) as Params;
}

function arraysFromIndexedObjects(value: ParamValue): ParamValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((k) => [k, arraysFromIndexedObjects(value[k]!)]));
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => converted[k]!);
  return converted;
}

/** A canonical form of parameters, to compare two requests under one idempotency key. */
function fingerprint(method: string, path: string, params: ParamValue): string {
  const canonical = (v: ParamValue): unknown =>
    typeof v === "string"
      ? v
      : Array.isArray(v)
        ? v.map(canonical)
        : Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical(v[k]!)]),
          );
  return JSON.stringify([method, path, canonical(params)]);
}

const str = (params: Params, key: string): string | undefined => {
  const v = params[key];
  return typeof v === "string" && v !== "" ? v : undefined;
};
const obj = (params: Params, key: string): Params | undefined => {
  const v = params[key];
  return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
};
function int(params: Params, key: string, required: boolean): number | undefined {
  const raw = str(params, key);
  if (raw === undefined) {
    if (required) throw invalid(`Missing required param: ${key}.`, key, "parameter_missing");
    return undefined;
  }
  if (!/^\d+$/.test(raw)) throw invalid(`Invalid integer: ${raw}`, key);
  return Number(raw);
}
function required(params: Params, key: string): string {
  const v = str(params, key);
  if (v === undefined) throw invalid(`Missing required param: ${key}.`, key, "parameter_missing");
  return v;
}
function metadataOf(params: Params): Record<string, string> {
  const m = obj(params, "metadata") ?? {};
  return Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}
/** A page of a list (newest first, as given), with Stripe's created[gte|gt|lte|lt] filter and starting_after cursor. */
function list(url: string, data: StripeObject[], params: Params): StripeObject {
  const limit = Math.min(int(params, "limit", false) ?? 10, 100);
  const created = obj(params, "created") ?? {};
  const bound = (key: string) => (str(created, key) === undefined ? undefined : Number(str(created, key)));
  const [gte, gt, lte, lt] = [bound("gte"), bound("gt"), bound("lte"), bound("lt")];
  let rows = data.filter(
    (o) =>
      (gte === undefined || o.created >= gte) &&
      (gt === undefined || o.created > gt) &&
      (lte === undefined || o.created <= lte) &&
      (lt === undefined || o.created < lt),
  );
  const after = str(params, "starting_after");
  if (after !== undefined) rows = rows.slice(rows.findIndex((o) => o.id === after) + 1);
  return { object: "list", url, has_more: rows.length > limit, data: rows.slice(0, limit) };
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const state: StripeState = {
    checkoutSessions: new Map(),
    paymentIntents: new Map(),
    refunds: new Map(),
    accounts: new Map(),
    accountLinks: [],
    transfers: new Map(),
    availableBalance: undefined,
    pendingBalance: new Map(),
    newRefundStatus: "succeeded",
    disputes: new Map(),
  };
  const requests: RecordedRequest[] = [];
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const holds: { match: RequestMatcher; released: Promise<void> }[] = [];
  let failures: {
    match: RequestMatcher;
    status: number | "drop";
    error: StripeApiError["body"];
    times: number;
    when: "before" | "after";
    headers: Record<string, string> | undefined;
  }[] = [];
  let baseUrl = "";
  let rateLimit: RateLimitMode | null = null;
  /** Arrival times of the requests accepted under the rate limit in the last second. */
  let accepted: number[] = [];
  const stats = { inFlight: 0, maxInFlight: 0 };

  // --- resources -------------------------------------------------------------------------------

  function createCheckoutSession(p: Params): StripeObject {
    const mode = required(p, "mode");
    if (!["payment", "setup", "subscription"].includes(mode)) throw invalid(`Invalid mode: ${mode}`, "mode");
    const successUrl = required(p, "success_url");
    const items = p.line_items;
    if (!Array.isArray(items) || items.length === 0)
      throw invalid("You must provide at least one line item.", "line_items", "parameter_missing");
    let amount = 0;
    let currency: string | undefined;
    items.forEach((raw, i) => {
      const item = raw as Params;
      const quantity = int(item, "quantity", true)!;
      const price = obj(item, "price_data");
      if (!price)
        throw invalid(`Missing required param: line_items[${i}][price_data].`, `line_items[${i}][price_data]`, "parameter_missing");
      const unit = int(price, "unit_amount", true)!;
      const itemCurrency = required(price, "currency").toLowerCase();
      if (!obj(price, "product_data") && !str(price, "product")) {
        throw invalid("You must specify either `product` or `product_data`.", `line_items[${i}][price_data]`);
      }
      if (currency && currency !== itemCurrency) throw invalid("All line items must use the same currency.", "line_items");
      currency = itemCurrency;
      amount += unit * quantity;
    });
    if (amount < 50)
      throw invalid("The Checkout Session's total amount due must add up to at least $0.50 usd", "line_items", "amount_too_small");
    const id = `cs_test_${randomBytes(24).toString("hex")}`;
    const intentData = obj(p, "payment_intent_data") ?? {};
    const session: StripeObject = {
      id,
      object: "checkout.session",
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: str(p, "cancel_url") ?? null,
      client_reference_id: str(p, "client_reference_id") ?? null,
      created: now(),
      currency,
      customer_email: str(p, "customer_email") ?? null,
      expires_at: now() + 24 * 3600,
      livemode: false,
      metadata: metadataOf(p),
      mode,
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      success_url: successUrl,
      url: `${baseUrl}/c/pay/${id}`,
    };
    state.checkoutSessions.set(id, session);
    // Stripe keeps what the payment intent will get; kept here beside the session, not returned.
    const captureMethod = str(intentData, "capture_method") ?? "automatic";
    if (!["automatic", "automatic_async", "manual"].includes(captureMethod)) {
      throw invalid(`Invalid capture_method: ${captureMethod}`, "payment_intent_data[capture_method]");
    }
    sessionIntentData.set(id, {
      metadata: metadataOf(intentData),
      transfer_group: str(intentData, "transfer_group") ?? null,
      capture_method: captureMethod,
    });
    return session;
  }
  const sessionIntentData = new Map<string, { metadata: Record<string, string>; transfer_group: string | null; capture_method: string }>();

  const unexpectedState = (intent: StripeObject, action: string) =>
    new StripeApiError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      message: `This PaymentIntent could not be ${action} because it has a status of ${intent.status}.`,
    });

  /** Captured money reaches the balance: pending until settled when balances are modelled. */
  function credit(currency: string, amount: number) {
    if (!state.availableBalance) return;
    state.pendingBalance.set(currency, (state.pendingBalance.get(currency) ?? 0) + amount);
  }

  function capturePaymentIntent(id: string, p: Params): StripeObject {
    const intent = get(state.paymentIntents, "payment_intent", id);
    if (intent.status !== "requires_capture") throw unexpectedState(intent, "captured");
    const amount = int(p, "amount_to_capture", false) ?? intent.amount_capturable;
    if (amount <= 0 || amount > intent.amount_capturable) throw invalid("Invalid amount_to_capture", "amount_to_capture");
    Object.assign(intent, { status: "succeeded", amount_received: amount, amount_capturable: 0 });
    credit(intent.currency, amount);
    return intent;
  }

  function cancelPaymentIntent(id: string, p: Params): StripeObject {
    const intent = get(state.paymentIntents, "payment_intent", id);
    if (!["requires_capture", "requires_payment_method", "requires_confirmation", "requires_action"].includes(intent.status)) {
      throw unexpectedState(intent, "canceled");
    }
    Object.assign(intent, {
      status: "canceled",
      amount_capturable: 0,
      canceled_at: now(),
      cancellation_reason: str(p, "cancellation_reason") ?? "requested_by_customer",
    });
    return intent;
  }

  function expireCheckoutSession(id: string): StripeObject {
    const session = get(state.checkoutSessions, "checkout.session", id);
    if (session.status !== "open") {
      throw invalid(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      );
    }
    Object.assign(session, { status: "expired" });
    return session;
  }

  function createRefund(p: Params): StripeObject {
    const intentId = str(p, "payment_intent");
    if (!intentId) throw invalid("One of `charge` or `payment_intent` is required.", "payment_intent", "parameter_missing");
    const intent = state.paymentIntents.get(intentId);
    if (!intent) throw missing("payment_intent", intentId, "payment_intent");
    const refunded = [...state.refunds.values()].filter((r) => r.payment_intent === intentId).reduce((sum, r) => sum + r.amount, 0);
    if (intent.status === "requires_capture") {
      throw new StripeApiError(400, {
        type: "invalid_request_error",
        code: "charge_not_refundable",
        message: "This charge has not been captured; cancel the PaymentIntent instead.",
      });
    }
    // A chargeback (a dispute that is not an inquiry) makes the charge unrefundable until it is won.
    const chargedBack = [...state.disputes.values()].some(
      (d) => d.payment_intent === intentId && d.is_charge_refundable === false && !["won", "warning_closed"].includes(d.status),
    );
    if (chargedBack) {
      throw invalid(`Charge ${intent.latest_charge} has been charged back; cannot issue a refund.`, undefined, "charge_disputed");
    }
    const remaining = intent.amount_received - refunded;
    if (remaining <= 0) throw invalid(`Charge ${intent.latest_charge} has already been refunded.`, undefined, "charge_already_refunded");
    const amount = int(p, "amount", false) ?? remaining;
    if (amount <= 0) throw invalid("Invalid positive integer", "amount");
    if (amount > remaining) {
      throw invalid(
        `Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(remaining / 100).toFixed(2)})`,
        "amount",
        "amount_too_large",
      );
    }
    const refund: StripeObject = {
      id: newId("re"),
      object: "refund",
      amount,
      charge: intent.latest_charge,
      created: now(),
      currency: intent.currency,
      metadata: metadataOf(p),
      payment_intent: intentId,
      reason: str(p, "reason") ?? null,
      status: state.newRefundStatus,
    };
    state.refunds.set(refund.id, refund);
    return refund;
  }

  function createAccount(p: Params): StripeObject {
    const type = str(p, "type");
    const controller = obj(p, "controller");
    if (!type && !controller) throw invalid("Missing required param: type.", "type", "parameter_missing");
    if (type && !["express", "standard", "custom"].includes(type)) throw invalid(`Invalid type: ${type}`, "type");
    const account: StripeObject = {
      id: `acct_${randomBytes(8).toString("hex")}`,
      object: "account",
      type: type ?? "express",
      email: str(p, "email") ?? null,
      country: str(p, "country") ?? "US",
      default_currency: "usd",
      created: now(),
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { transfers: "inactive" },
      metadata: metadataOf(p),
      requirements: { currently_due: ["external_account", "tos_acceptance.date"], disabled_reason: "requirements.past_due" },
    };
    state.accounts.set(account.id, account);
    return account;
  }

  function createAccountLink(p: Params): StripeObject {
    const accountId = required(p, "account");
    if (!state.accounts.has(accountId)) throw missing("account", accountId, "account");
    const type = required(p, "type");
    if (!["account_onboarding", "account_update"].includes(type)) throw invalid(`Invalid type: ${type}`, "type");
    required(p, "return_url");
    const link = {
      object: "account_link",
      created: now(),
      expires_at: now() + 300,
      url: `${baseUrl}/connect/onboarding/${accountId}/${randomBytes(6).toString("hex")}`,
      // Not in Stripe's response; kept so tests can read where onboarding would lead.
      _request: { account: accountId, type, refresh_url: str(p, "refresh_url") ?? null, return_url: str(p, "return_url") },
    };
    state.accountLinks.push(link);
    const { _request, ...response } = link;
    void _request;
    return response;
  }

  /**
   * GET /v1/balance. Modelled (availableBalance set): what captured charges brought once settled,
   * less transfers, and what is still pending. Not modelled: transfers are never refused for
   * funds, so every currency in use is reported with an amount no payout reaches.
   */
  function balance(): StripeObject {
    const inUse = new Set(["usd", ...[...state.paymentIntents.values()].map((intent) => String(intent.currency))]);
    const available = state.availableBalance ?? new Map([...inUse].map((currency) => [currency, UNMODELLED_BALANCE]));
    const entries = (amounts: Map<string, number>) =>
      [...amounts].map(([currency, amount]) => ({ currency, amount, source_types: { card: amount } }));
    return { object: "balance", livemode: false, available: entries(available), pending: entries(state.pendingBalance) };
  }

  function createTransfer(p: Params): StripeObject {
    const amount = int(p, "amount", true)!;
    if (amount <= 0) throw invalid("Invalid positive integer", "amount");
    const currency = required(p, "currency").toLowerCase();
    const destination = required(p, "destination");
    const account = state.accounts.get(destination);
    if (!account) throw invalid(`No such destination: '${destination}'`, "destination", "resource_missing");
    if (account.capabilities?.transfers !== "active") {
      throw invalid(
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
        "destination",
        "insufficient_capabilities_for_transfer",
      );
    }
    if (state.availableBalance) {
      const available = state.availableBalance.get(currency) ?? 0;
      if (available < amount) {
        throw invalid(
          "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance.",
          undefined,
          "balance_insufficient",
        );
      }
      state.availableBalance.set(currency, available - amount);
    }
    const transfer: StripeObject = {
      id: newId("tr"),
      object: "transfer",
      amount,
      amount_reversed: 0,
      created: now(),
      currency,
      description: str(p, "description") ?? null,
      destination,
      livemode: false,
      metadata: metadataOf(p),
      reversed: false,
      reversals: { object: "list", data: [], has_more: false, url: "" },
      source_transaction: str(p, "source_transaction") ?? null,
      transfer_group: str(p, "transfer_group") ?? null,
    };
    state.transfers.set(transfer.id, transfer);
    return transfer;
  }

  function listTransfers(q: Params): StripeObject {
    const group = str(q, "transfer_group");
    const destination = str(q, "destination");
    const data = [...state.transfers.values()]
      .filter((t) => (group === undefined || t.transfer_group === group) && (destination === undefined || t.destination === destination))
      .reverse(); // newest first, like Stripe
    return list("/v1/transfers", data, q);
  }

  function get<T extends StripeObject>(map: Map<string, T>, kind: string, id: string): T {
    const found = map.get(id);
    if (!found) throw missing(kind, id);
    return found;
  }

  type Route = {
    method: string;
    pattern: RegExp;
    mutates: boolean;
    run: (m: RegExpMatchArray, params: Params, query: Params) => StripeObject;
  };
  const routes: Route[] = [
    { method: "POST", pattern: /^\/v1\/checkout\/sessions$/, mutates: true, run: (_m, p) => createCheckoutSession(p) },
    {
      method: "GET",
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      mutates: false,
      run: (m) => get(state.checkoutSessions, "checkout.session", m[1]!),
    },
    { method: "POST", pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, mutates: true, run: (m) => expireCheckoutSession(m[1]!) },
    {
      method: "GET",
      pattern: /^\/v1\/payment_intents$/,
      mutates: false,
      run: (_m, _p, q) => list("/v1/payment_intents", [...state.paymentIntents.values()].reverse(), q),
    },
    {
      method: "GET",
      pattern: /^\/v1\/refunds$/,
      mutates: false,
      run: (_m, _p, q) => list("/v1/refunds", [...state.refunds.values()].reverse(), q),
    },
    {
      method: "GET",
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      mutates: false,
      run: (m) => get(state.paymentIntents, "payment_intent", m[1]!),
    },
    { method: "POST", pattern: /^\/v1\/payment_intents\/([^/]+)\/capture$/, mutates: true, run: (m, p) => capturePaymentIntent(m[1]!, p) },
    { method: "POST", pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/, mutates: true, run: (m, p) => cancelPaymentIntent(m[1]!, p) },
    { method: "POST", pattern: /^\/v1\/refunds$/, mutates: true, run: (_m, p) => createRefund(p) },
    { method: "GET", pattern: /^\/v1\/refunds\/([^/]+)$/, mutates: false, run: (m) => get(state.refunds, "refund", m[1]!) },
    { method: "POST", pattern: /^\/v1\/accounts$/, mutates: true, run: (_m, p) => createAccount(p) },
    { method: "GET", pattern: /^\/v1\/accounts\/([^/]+)$/, mutates: false, run: (m) => get(state.accounts, "account", m[1]!) },
    { method: "POST", pattern: /^\/v1\/account_links$/, mutates: true, run: (_m, p) => createAccountLink(p) },
    { method: "POST", pattern: /^\/v1\/transfers$/, mutates: true, run: (_m, p) => createTransfer(p) },
    { method: "GET", pattern: /^\/v1\/transfers$/, mutates: false, run: (_m, _p, q) => listTransfers(q) },
    { method: "GET", pattern: /^\/v1\/transfers\/([^/]+)$/, mutates: false, run: (m) => get(state.transfers, "transfer", m[1]!) },
    { method: "GET", pattern: /^\/v1\/balance$/, mutates: false, run: () => balance() },
  ];

  // --- HTTP ------------------------------------------------------------------------------------

  const matches = (match: RequestMatcher, method: string, path: string, params: Params) =>
    typeof match === "function" ? match({ method, path, params }) : match === path || match === `${method} ${path}`;

  function takeHold(method: string, path: string, params: Params) {
    const index = holds.findIndex(({ match }) => matches(match, method, path, params));
    return index < 0 ? undefined : holds.splice(index, 1)[0]!.released;
  }

  function takeFailure(method: string, path: string, params: Params) {
    const index = failures.findIndex(({ match }) =>
      typeof match === "function" ? match({ method, path, params }) : match === path || match === `${method} ${path}`,
    );
    if (index < 0) return undefined;
    const failure = failures[index]!;
    failure.times -= 1;
    if (failure.times <= 0) failures.splice(index, 1);
    return failure;
  }

  function send(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) {
    res.writeHead(status, {
      "content-type": "application/json",
      "request-id": newId("req"),
      "content-length": Buffer.byteLength(body),
      ...extra,
    });
    res.end(body);
  }
  const errorBody = (e: StripeApiError["body"]) => JSON.stringify({ error: e });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = req.method ?? "GET";
    const path = url.pathname;
    const params = method === "GET" || method === "DELETE" ? {} : parseStripeForm(Buffer.concat(chunks).toString("utf8"));
    const query = parseStripeForm(url.search.slice(1));
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) || undefined;
    const authorization = req.headers.authorization;
    const record: RecordedRequest = {
      method,
      path,
      query,
      params,
      idempotencyKey,
      authorization,
      status: 0,
      replayed: false,
      at: Date.now(),
    };
    requests.push(record);
    const reply = (status: number, body: string, extra?: Record<string, string>) => {
      record.status = status;
      send(res, status, body, extra);
    };

    if (!authorization?.startsWith("Bearer ") || authorization.length <= "Bearer ".length) {
      return reply(
        401,
        errorBody({
          type: "invalid_request_error",
          message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.",
        }),
      );
    }
    if (!/^(sk|rk)_test_/.test(authorization.slice(7))) {
      return reply(
        401,
        errorBody({ type: "invalid_request_error", message: `Invalid API Key provided: ${authorization.slice(7, 15)}****` }),
      );
    }

    if (rateLimit) {
      accepted = accepted.filter((at) => record.at - at < 1000);
      if (accepted.length >= rateLimit.perSecond) {
        return reply(
          429,
          errorBody({
            type: "invalid_request_error",
            code: "rate_limit",
            message: "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
          }),
          rateLimit.retryAfterSeconds === undefined ? {} : { "retry-after": String(rateLimit.retryAfterSeconds) },
        );
      }
      accepted.push(record.at);
      const [min, max] = rateLimit.latencyMs ?? [0, 0];
      const delay = min + Math.random() * (max - min);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    }

    const held = takeHold(method, path, method === "GET" ? query : params);
    if (held) await held;

    const failure = takeFailure(method, path, method === "GET" ? query : params);
    if (failure?.when === "before") {
      record.injected = "before";
      if (failure.status === "drop") {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      return reply(failure.status, errorBody(failure.error), failure.headers ?? { "stripe-should-retry": String(failure.status >= 500) });
    }

    const route = routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) {
      return reply(404, errorBody({ type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` }));
    }

    // Idempotency: Stripe scopes keys to the account; one secret key per stand-in here.
    const scope = `${authorization} ${idempotencyKey}`;
    const print = fingerprint(method, path, params);
    if (route.mutates && idempotencyKey) {
      const stored = idempotency.get(scope);
      if (stored) {
        if (stored.fingerprint !== print) {
          return reply(
            400,
            errorBody({
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            }),
          );
        }
        record.replayed = true;
        if (failure?.when === "after") {
          record.injected = "after";
          record.status = -1;
          req.socket.destroy();
          return;
        }
        return reply(stored.status, stored.body, { "idempotent-replayed": "true", "original-request": "req_stored" });
      }
    }

    let status: number;
    let body: string;
    try {
      status = 200;
      body = JSON.stringify(route.run(path.match(route.pattern)!, params, query));
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      // Like Stripe, a request refused by validation stores no idempotent result.
      return reply(error.status, errorBody(error.body));
    }
    if (route.mutates && idempotencyKey) idempotency.set(scope, { fingerprint: print, status, body });
    if (failure?.when === "after") {
      // Processed and stored; the response never reaches the client.
      record.injected = "after";
      record.status = -1;
      req.socket.destroy();
      return;
    }
    reply(status, body);
  }

  const server = createServer((req, res) => {
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.once("close", () => {
      stats.inFlight -= 1;
    });
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, errorBody({ type: "api_error", message: `stand-in failure: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  const signer = new Stripe("sk_test_stand_in_signer");

  function event(type: string, object: StripeObject): Stripe.Event {
    return {
      id: newId("evt"),
      object: "event",
      api_version: "2025-01-01",
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: clone(object) },
    } as unknown as Stripe.Event;
  }

  function sign(ev: object, secret: string, timestamp?: number) {
    const body = JSON.stringify(ev);
    return {
      body,
      signature: signer.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp !== undefined ? { timestamp } : {}) }),
    };
  }

  return {
    url: baseUrl,
    port,
    state,
    requests,
    failNext(match, status, error, options = {}) {
      if (options.when === "after" && status !== "drop") throw new Error('failNext(..., { when: "after" }) only drops the connection');
      failures.push({
        match,
        status,
        times: options.times ?? 1,
        when: options.when ?? "before",
        headers: options.headers,
        error: {
          type: error?.type ?? (status !== "drop" && status >= 500 ? "api_error" : "invalid_request_error"),
          message: error?.message ?? "Injected failure from the Stripe stand-in",
          ...(error?.code ? { code: error.code } : {}),
        },
      });
    },
    clearFailures() {
      failures = [];
    },
    limitRate(mode) {
      rateLimit = mode;
      accepted = [];
    },
    stats,
    resetStats() {
      stats.maxInFlight = stats.inFlight;
    },
    holdNext(match) {
      let release!: () => void;
      holds.push({ match, released: new Promise<void>((resolve) => (release = resolve)) });
      return () => release();
    },
    completeCheckout(sessionId, paid) {
      const session = get(state.checkoutSessions, "checkout.session", sessionId);
      if (session.status !== "open") throw new Error(`Checkout Session ${sessionId} is ${session.status}`);
      const intentData = sessionIntentData.get(sessionId)!;
      if (paid?.amount !== undefined) Object.assign(session, { amount_subtotal: paid.amount, amount_total: paid.amount });
      if (paid?.currency !== undefined) Object.assign(session, { currency: paid.currency });
      const manual = intentData.capture_method === "manual" && paid?.capture !== "automatic";
      const intent: StripeObject = {
        id: newId("pi"),
        object: "payment_intent",
        amount: session.amount_total,
        amount_capturable: manual ? session.amount_total : 0,
        amount_received: manual ? 0 : session.amount_total,
        capture_method: intentData.capture_method,
        currency: session.currency,
        status: manual ? "requires_capture" : "succeeded",
        latest_charge: newId("ch"),
        metadata: intentData.metadata,
        transfer_group: intentData.transfer_group,
        created: now(),
      };
      state.paymentIntents.set(intent.id, intent);
      if (!manual) credit(intent.currency, intent.amount_received);
      // With manual capture Stripe reports the session complete but unpaid until it is captured.
      Object.assign(session, { status: "complete", payment_status: manual ? "unpaid" : "paid", payment_intent: intent.id });
      return event("checkout.session.completed", session);
    },
    lapseAuthorization(paymentIntentId) {
      const intent = get(state.paymentIntents, "payment_intent", paymentIntentId);
      if (intent.status !== "requires_capture") throw new Error(`payment intent ${paymentIntentId} is ${intent.status}`);
      Object.assign(intent, { status: "canceled", amount_capturable: 0, canceled_at: now(), cancellation_reason: "automatic" });
      return event("payment_intent.canceled", intent);
    },
    settleCharges() {
      if (!state.availableBalance) throw new Error("balances are not modelled: set state.availableBalance first");
      for (const [currency, amount] of state.pendingBalance) {
        state.availableBalance.set(currency, (state.availableBalance.get(currency) ?? 0) + amount);
      }
      state.pendingBalance.clear();
      return event("balance.available", {
        object: "balance",
        available: [...state.availableBalance].map(([currency, amount]) => ({ currency, amount })),
        pending: [],
      });
    },
    disputeCharge(paymentIntentId, options = {}) {
      const intent = get(state.paymentIntents, "payment_intent", paymentIntentId);
      if (intent.status !== "succeeded") throw new Error(`payment intent ${paymentIntentId} is ${intent.status}: nothing was charged`);
      const amount = options.amount ?? intent.amount_received;
      const fee = options.fee ?? 1500;
      const dispute: StripeObject = {
        id: newId("dp"),
        object: "dispute",
        amount,
        currency: intent.currency,
        charge: intent.latest_charge,
        payment_intent: intent.id,
        reason: options.reason ?? "fraudulent",
        status: "needs_response",
        is_charge_refundable: false,
        balance_transactions: [{ id: newId("txn"), object: "balance_transaction", amount: -amount, fee, net: -amount - fee }],
        created: now(),
      };
      state.disputes.set(dispute.id, dispute);
      return event("charge.dispute.created", dispute);
    },
    closeDispute(disputeId, status) {
      const dispute = get(state.disputes, "dispute", disputeId);
      if (["won", "lost", "warning_closed"].includes(dispute.status)) throw new Error(`dispute ${disputeId} is ${dispute.status}`);
      const [withdrawal] = dispute.balance_transactions as StripeObject[];
      if (status === "won") {
        const fee = -(withdrawal?.fee ?? 0);
        dispute.balance_transactions.push({
          id: newId("txn"),
          object: "balance_transaction",
          amount: dispute.amount,
          fee,
          net: dispute.amount - fee,
        });
      }
      dispute.status = status;
      return event("charge.dispute.closed", dispute);
    },
    failSucceededRefund(refundId) {
      const refund = get(state.refunds, "refund", refundId);
      if (refund.status !== "succeeded") throw new Error(`refund ${refundId} is ${refund.status}`);
      Object.assign(refund, { status: "failed", failure_reason: "expired_or_canceled_card" });
      return event("refund.failed", refund);
    },
    updateAccount(accountId, changes) {
      const account = get(state.accounts, "account", accountId);
      Object.assign(account, changes);
      return clone(account);
    },
    settleRefund(refundId, status) {
      const refund = get(state.refunds, "refund", refundId);
      if (refund.status !== "pending") throw new Error(`refund ${refundId} is ${refund.status}`);
      Object.assign(refund, { status, ...(status === "succeeded" ? {} : { failure_reason: "unknown" }) });
      return event("refund.updated", refund);
    },
    reverseTransfer(transferId, amount) {
      const transfer = get(state.transfers, "transfer", transferId);
      if (amount <= 0 || transfer.amount_reversed + amount > transfer.amount) throw new Error(`cannot reverse ${amount} of ${transferId}`);
      const reversal = {
        id: newId("trr"),
        object: "transfer_reversal",
        amount,
        currency: transfer.currency,
        created: now(),
        transfer: transfer.id,
        metadata: {},
      };
      transfer.reversals.data.unshift(reversal);
      transfer.amount_reversed += amount;
      transfer.reversed = transfer.amount_reversed === transfer.amount;
      return event("transfer.reversed", transfer);
    },
    expireCheckout(sessionId) {
      return event("checkout.session.expired", expireCheckoutSession(sessionId));
    },
    enablePayouts(accountId) {
      const account = get(state.accounts, "account", accountId);
      Object.assign(account, {
        charges_enabled: true,
        payouts_enabled: true,
        details_submitted: true,
        capabilities: { transfers: "active" },
        requirements: { currently_due: [], disabled_reason: null },
      });
      return event("account.updated", account);
    },
    event,
    sign,
    async deliver(endpoint, ev, secret) {
      const { body, signature } = sign(ev, secret);
      return fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body });
    },
    stop() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
