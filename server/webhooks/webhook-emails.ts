// The email to an endpoint's owner when repeated failures turned it off.
import type { RenderedEmail } from "../email/templates.ts";

export function endpointDisabledEmail(d: {
  name: string;
  url: string;
  attempts: number;
  lastError: string;
  developersUrl: string;
}): RenderedEmail {
  return {
    tag: "webhook-endpoint-disabled",
    subject: "A webhook endpoint was turned off after repeated failures",
    text: [
      `Hi ${d.name},`,
      ``,
      `We turned off your webhook endpoint ${d.url}: a delivery failed ${d.attempts} attempts over about a day.`,
      `Last error: ${d.lastError.slice(0, 300)}`,
      ``,
      `Nothing is sent to it until you turn it on again. Events that happened meanwhile stay listed`,
      `(webhookEvents), and any of them can be redelivered. Manage it at ${d.developersUrl}.`,
    ].join("\n"),
  };
}
