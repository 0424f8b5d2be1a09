// What the offline simulators (payment: /pay/..., Connect onboarding: /connect/...) share: a
// small HTML page, and delivering a Stripe-shaped event signed with the webhook secret to
// POST /webhooks/stripe in-process, the same path and checks as a real Stripe event.
import Stripe from "stripe";
import type { Services } from "../services.ts";
import { WEBHOOK_PATH } from "../http/paths.ts";

const signer = new Stripe("sk_unused_for_signing");

export function signPayload(payload: string, secret: string): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret });
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function simulatorPage(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1a1a2e}
.card{border:1px solid #d0d0e0;border-radius:12px;padding:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:0;background:#3b2fc9;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}.muted{color:#55556a;font-size:.9rem}</style></head>
<body><main class="card">${body}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** Signs `event` and hands it to the webhook endpoint through `deliver` (yoga.fetch). */
export function deliverSignedEvent(services: Services, deliver: (request: Request) => Promise<Response>, event: object): Promise<Response> {
  const payload = JSON.stringify(event);
  return deliver(
    new Request(`${services.env.publicUrl}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signPayload(payload, services.env.stripe.webhookSecret) },
      body: payload,
    }),
  );
}
