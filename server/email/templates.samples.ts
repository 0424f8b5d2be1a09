// Sample data for the email templates, so each can be rendered and read in development
// (and is rendered in tests). Booking templates' samples can live beside these.
import { payoutTemplates, type PayoutEmailData, type RenderedEmail } from "./templates.ts";

export const payoutTemplateSamples: { [K in keyof typeof payoutTemplates]: PayoutEmailData } = {
  payoutProcessed: { mentorName: "Ada Lovelace", amountCents: 12_345, currency: "usd", earningsUrl: "http://localhost:4000/earnings" },
  payoutFailed: {
    mentorName: "Ada Lovelace",
    amountCents: 12_345,
    currency: "usd",
    earningsUrl: "http://localhost:4000/earnings",
    failureReason: "account_invalid: The destination account needs to finish onboarding.",
  },
};

export function renderPayoutSamples(): Array<{ name: string } & RenderedEmail> {
  return (Object.keys(payoutTemplates) as Array<keyof typeof payoutTemplates>).map((name) => ({
    name,
    ...payoutTemplates[name](payoutTemplateSamples[name]),
  }));
}
