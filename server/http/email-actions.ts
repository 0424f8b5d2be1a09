// GET /respond/<token>: the page a one-click link from the new-request email opens. It names the
// booking and what the answer does, and asks for it with a form; only the form's POST answers
// (server/bookings/email-actions.ts), so opening the link, by the mentor or by a mail scanner,
// changes nothing. A spent, expired or unknown link says so and points to the dashboard. The
// answer's page says what happened: confirmed and charged, declined and the hold released, or not
// done (the card could not be charged, the payment provider or the server failed) with the link
// still working and a button to try again.
import type { Plugin } from "graphql-yoga";
import type { Services } from "../services.ts";
import { EMAIL_ACTION_PATH } from "../bookings/email-action-links.ts";
import { readEmailAction, useEmailAction, type EmailActionOutcome } from "../bookings/email-actions.ts";
import type { Booking } from "../generated/prisma/client.ts";
import { logger, errorFields } from "../log.ts";
import { MAX_REASON_LENGTH } from "../bookings/booking-commands.ts";
import { cleanText } from "../shared/text.ts";
import { formatMoney } from "../shared/money.ts";
import { escapeHtml, htmlPage as page } from "../shared/html-page.ts";

const TOKEN_PATH = /^\/respond\/([A-Za-z0-9_-]{20,100})$/;

function deadline(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** What a decline did with the mentee's money: a hold released (the usual case) or a payment refunded. */
function declinedMoney(booking: Pick<Booking, "capturedAt" | "authorizationReleasedAt">, mentee: string, price: string): string {
  if (booking.capturedAt) return `${mentee}&rsquo;s payment of ${price} is refunded in full.`;
  return `${mentee} was not charged: the ${price} held on their card ${booking.authorizationReleasedAt ? "is released" : "is being released"}.`;
}

export function useEmailActions(services: Services): Plugin {
  const dashboard = `${services.env.publicUrl}/dashboard`;
  const gone = (status = 410) =>
    page(
      "Link no longer works",
      `<h1>This link no longer works</h1><p>It was already used, the request was answered another way, or it expired. Open your dashboard to see the booking.</p>
<p><a href="${escapeHtml(dashboard)}">Go to your bookings</a></p>`,
      status,
    );

  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith(EMAIL_ACTION_PATH)) return;
      const token = url.pathname.match(TOKEN_PATH)?.[1];
      if (!token) return endResponse(gone(404));
      if (request.method === "POST") {
        const form = await request.formData().catch(() => null);
        let reason: string | undefined;
        try {
          reason = cleanText("reason", "Reason", String(form?.get("reason") ?? ""), { max: MAX_REASON_LENGTH }) || undefined;
        } catch (error) {
          return endResponse(
            page(
              "Check the reason",
              `<h1>Check the reason</h1><p>${escapeHtml((error as Error).message)} Nothing was changed, and this link still works.</p><p><a href="">Back</a></p>`,
              400,
            ),
          );
        }
        let outcome: EmailActionOutcome;
        try {
          outcome = await useEmailAction(services, token, reason);
        } catch (error) {
          logger.error({ ...errorFields(error) }, "a one-click answer from the email failed");
          return endResponse(
            page(
              "Something went wrong",
              `<h1>Something went wrong</h1><p>Your answer may not have been recorded because of a problem on our side. If the booking is still waiting for your answer, this link still works: try again in a moment, or answer from your dashboard.</p>
<form method="post">${reason ? `<input type="hidden" name="reason" value="${escapeHtml(reason)}">` : ""}<button type="submit">Try again</button></form>
<p><a href="${escapeHtml(dashboard)}">Go to your bookings</a></p>`,
              500,
            ),
          );
        }
        if (outcome.kind === "spent") return endResponse(gone());
        if (outcome.kind === "refused") {
          return endResponse(
            page(
              "Not done",
              `<h1>Not done</h1><p>${escapeHtml(outcome.message)}</p><p><a href="${escapeHtml(dashboard)}">Go to your bookings</a></p>`,
              409,
            ),
          );
        }
        if (outcome.kind === "captureFailed") {
          const heading = outcome.retryable ? "Not confirmed yet: try again" : "Not confirmed: the card could not be charged";
          const next = outcome.retryable
            ? "Nothing was charged and the booking is still waiting for your answer. This link still works: try again in a moment."
            : "Nothing was charged and the booking is still waiting for your answer. This link still works if you want to try again; otherwise decline the request from your dashboard.";
          return endResponse(
            page(
              heading,
              `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(outcome.message)}</p><p>${escapeHtml(next)}</p>
<form method="post"><button type="submit">Try again</button></form>
<p class="muted">This link works until ${escapeHtml(deadline(outcome.expiresAt))}.</p>
<p><a href="${escapeHtml(dashboard)}">Go to your bookings</a></p>`,
              outcome.retryable ? 503 : 402,
            ),
          );
        }
        const { booking } = outcome;
        const title = `&ldquo;${escapeHtml(booking.title)}&rdquo;`;
        const mentee = escapeHtml(booking.mentee.name);
        const price = escapeHtml(formatMoney({ amountCents: booking.priceCents, currency: booking.currency }));
        const body =
          outcome.action === "CONFIRM"
            ? `<h1>Booking confirmed</h1><p>${title} is confirmed: ${mentee}&rsquo;s card was charged ${price}, and ${mentee} has been told. Next, add your availability and meeting links on the booking.</p>`
            : `<h1>Booking declined</h1><p>${title} is declined, and ${mentee} has been told. ${declinedMoney(booking, mentee, price)}</p>`;
        return endResponse(
          page(
            outcome.action === "CONFIRM" ? "Booking confirmed" : "Booking declined",
            `${body}
<p><a href="${escapeHtml(`${services.env.publicUrl}/bookings/${booking.id}`)}">Open the booking</a></p>`,
          ),
        );
      }
      if (request.method !== "GET" && request.method !== "HEAD") return endResponse(page("Not allowed", "<h1>Not allowed</h1>", 405));
      const view = await readEmailAction(services, token);
      if (!view) return endResponse(gone());
      const { booking, action } = view;
      const what = `&ldquo;${escapeHtml(booking.title)}&rdquo; with ${escapeHtml(booking.mentee.name)} (${escapeHtml(formatMoney({ amountCents: booking.priceCents, currency: booking.currency }))})`;
      const body =
        action === "CONFIRM"
          ? `<h1>Confirm this booking?</h1><p>${what}.${
              booking.capturedAt ? "" : ` Confirming charges the amount held on ${escapeHtml(booking.mentee.name)}&rsquo;s card.`
            } ${escapeHtml(booking.mentee.name)} is told at once; then add your availability and meeting links from your dashboard.</p>
<form method="post"><button type="submit">Confirm booking</button></form>`
          : `<h1>Decline this booking?</h1><p>${what}. ${escapeHtml(booking.mentee.name)} is told, and ${
              booking.capturedAt ? "refunded in full" : "not charged: the hold on their card is released"
            }.</p>
<form method="post"><p><label for="reason">Reason for ${escapeHtml(booking.mentee.name)} (optional)</label><br>
<textarea id="reason" name="reason" rows="3" maxlength="${MAX_REASON_LENGTH}" style="width:100%"></textarea></p>
<button type="submit">${booking.capturedAt ? "Decline and refund" : "Decline and release the hold"}</button></form>`;
      const expires = booking.paidAt ? `<p class="muted">This link works once, until ${escapeHtml(deadline(view.expiresAt))}.</p>` : "";
      return endResponse(page(action === "CONFIRM" ? "Confirm booking" : "Decline booking", `${body}${expires}`));
    },
  };
}
