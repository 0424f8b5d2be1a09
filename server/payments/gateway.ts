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

export interface PaymentGateway {
  readonly mode: "stripe" | "simulator";
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Refunds a payment in full; idempotent per booking (key `refund:<bookingId>`). Throws PaymentGatewayError. */
  refund(request: RefundRequest): Promise<ProviderRefund>;
  /** The provider's refund as it is now (a pending refund is polled until final). Throws PaymentGatewayError. */
  retrieveRefund(providerRefundId: string): Promise<ProviderRefund>;
  /** Closes an open checkout so it can no longer be paid; a checkout already closed is not an error. */
  expireCheckout(checkoutSessionId: string): Promise<void>;
}
