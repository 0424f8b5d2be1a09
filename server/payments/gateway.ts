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

export interface PaymentGateway {
  readonly mode: "stripe" | "simulator";
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
}
