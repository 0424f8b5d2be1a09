// GET /respond/<token>: the page a one-click link from the new-request email opens. It names the
// booking and what the answer does, and asks for it with a form; only the form's POST answers
// (server/bookings/email-actions.ts), so opening the link, by the mentor or by a mail scanner,
// changes nothing. A spent, expired or unknown link says so and points to the dashboard.
import type { Plugin } from "graphql-yoga";
import type { Services } from "../services.ts";
import { EMAIL_ACTION_PATH } from "../bookings/email-action-links.ts";
import { readEmailAction, useEmailAction } from "../bookings/email-actions.ts";
import { MAX_REASON_LENGTH } from "../bookings/booking-commands.ts";
import { cleanText } from "../shared/text.ts";
import { formatMoney } from "../shared/money.ts";
import { escapeHtml, htmlPage as page } from "../shared/html-page.ts";

const TOKEN_PATH = /^\/respond\/([A-Za-z0-9_-]{20,100})$/;

function deadline(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
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
              `<h1>Check the reason</h1><p>${escapeHtml((error as Error).message)}</p><p><a href="">Back</a></p>`,
              400,
            ),
          );
        }
        const outcome = await useEmailAction(services, token, reason);
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
        const done = outcome.booking.status === "CONFIRMED" ? "confirmed" : "declined; the mentee is refunded in full";
        return endResponse(
          page(
            "Done",
            `<h1>Booking ${escapeHtml(done)}</h1><p>&ldquo;${escapeHtml(outcome.booking.title)}&rdquo; is ${escapeHtml(done)}, and the mentee has been told.</p>
<p><a href="${escapeHtml(`${services.env.publicUrl}/bookings/${outcome.booking.id}`)}">Open the booking</a></p>`,
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
          ? `<h1>Confirm this booking?</h1><p>${what}. ${escapeHtml(booking.mentee.name)} is told at once; then add your availability and meeting links from your dashboard.</p>
<form method="post"><button type="submit">Confirm booking</button></form>`
          : `<h1>Decline this booking?</h1><p>${what}. ${escapeHtml(booking.mentee.name)} is refunded in full and told.</p>
<form method="post"><p><label for="reason">Reason for ${escapeHtml(booking.mentee.name)} (optional)</label><br>
<textarea id="reason" name="reason" rows="3" maxlength="${MAX_REASON_LENGTH}" style="width:100%"></textarea></p>
<button type="submit">Decline and refund</button></form>`;
      const expires = booking.paidAt ? `<p class="muted">This link works once, until ${escapeHtml(deadline(view.expiresAt))}.</p>` : "";
      return endResponse(page(action === "CONFIRM" ? "Confirm booking" : "Decline booking", `${body}${expires}`));
    },
  };
}
