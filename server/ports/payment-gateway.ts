// What the booking flow needs from a payment provider. Stripe implements it for real;
// without Stripe keys a local simulator does, driving the same signed webhook path.
export interface CheckoutRequest {
  bookingId: string;
  amountCents: number;
  currency: string;
  description: string;
  customerEmail: string;
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  id: string;
  url: string;
}

export interface RefundRequest {
  bookingId: string;
  /** An admin's n-th retry of a FAILED refund: a new request, key `refund:<bookingId>:r<n>`. */
  retries?: number;
  refundId: string;
  paymentIntentId: string;
  amountCents: number;
}

/** The provider's refund; `status` as Stripe reports it (succeeded, pending, failed...). */
export interface ProviderRefund {
  id: string;
  status: string;
}

/**
 * A provider call that failed. `transient`: worth retrying (network, 5xx, 429); `already_refunded`:
 * the payment has no money left to refund; `permanent`: retrying the same request cannot help.
 */
export class PaymentGatewayError extends Error {
  override name = "PaymentGatewayError";
  constructor(
    readonly kind: "transient" | "permanent" | "already_refunded",
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * A payment as the provider holds it now. `authorized`: the card is held for `amountCapturable`
 * (manual capture, not yet captured); `captured`: the money was taken; `canceled`: the hold was
 * released (by us, or by the provider when the authorisation lapsed after 7 days).
 */
export interface ProviderPaymentState {
  id: string;
  status: "authorized" | "captured" | "canceled" | "other";
  amountCapturable: number;
  amountReceived: number;
  currency: string;
  /** The charge behind it (ch_…), once there is one. */
  chargeId: string | null;
}

/** A failed capture: `transient` may succeed if tried again; otherwise the authorisation cannot be captured. */
export class CaptureError extends Error {
  override name = "CaptureError";
  constructor(
    readonly transient: boolean,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** A time window for listing provider objects by creation time (both ends included). */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** A payment the provider received (a succeeded payment intent). */
export interface ProviderPayment {
  id: string;
  amountCents: number;
  currency: string;
  /** From metadata.bookingId, when it is ours. */
  bookingId: string | null;
  created: Date;
}

/** A refund as the provider lists it. */
export interface ProviderRefundRecord {
  id: string;
  amountCents: number;
  currency: string;
  status: string;
  paymentIntentId: string | null;
  bookingId: string | null;
  created: Date;
}

export interface PaymentGateway {
  readonly mode: "stripe" | "simulator";
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Refunds a payment in full; idempotent per booking (key `refund:<bookingId>`). Throws PaymentGatewayError. */
  refund(request: RefundRequest): Promise<ProviderRefund>;
  /** The provider's refund as it is now (a pending refund is polled until final). Throws PaymentGatewayError. */
  retrieveRefund(providerRefundId: string): Promise<ProviderRefund>;
  /** Payments received in the window (reconciliation). Throws PaymentGatewayError. */
  listPayments(range: TimeRange): Promise<ProviderPayment[]>;
  /** Refunds created in the window, any status (reconciliation). Throws PaymentGatewayError. */
  listRefunds(range: TimeRange): Promise<ProviderRefundRecord[]>;
  /** The payment intent as it is now (an authorisation reported by checkout is read back here). Throws PaymentGatewayError. */
  retrievePayment(paymentIntentId: string): Promise<ProviderPaymentState>;
  /**
   * Captures an authorised payment in full; idempotent per booking (key `capture:<bookingId>`),
   * and a payment already captured is returned as it is. Throws CaptureError.
   */
  capturePayment(request: { bookingId: string; paymentIntentId: string }): Promise<ProviderPaymentState>;
  /**
   * Releases an authorisation that will not be captured (key `release:<paymentIntentId>`). Returns the
   * payment as it ends: `canceled` (released now or before), or `captured` when it had been
   * captured after all (then it must be refunded). Throws PaymentGatewayError.
   */
  releaseAuthorization(request: { bookingId: string; paymentIntentId: string }): Promise<ProviderPaymentState>;
  /** Closes an open checkout so it can no longer be paid; a checkout already closed is not an error. */
  expireCheckout(checkoutSessionId: string): Promise<void>;
}
