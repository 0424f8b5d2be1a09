// The development mailbox: without a Postmark token emails are only logged and kept in the
// outbox table; GET /dev/emails shows them (newest first) so the demo's emails can be read.
// Served only in development and only when no Postmark token is set.
import type { Plugin } from "graphql-yoga";
import type { Services } from "../services.ts";
import { escapeHtml, htmlPage as simulatorPage } from "../shared/html-page.ts";

export const DEV_MAILBOX_PATH = "/dev/emails";

export function useDevMailbox(services: Services): Plugin {
  const enabled = services.env.development && !services.env.postmark;
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname !== DEV_MAILBOX_PATH || !enabled) return;
      const to = url.searchParams.get("to")?.trim() || undefined;
      const emails = await services.db.emailMessage.findMany({
        where: to ? { to } : {},
        orderBy: { createdAt: "desc" },
        take: 100,
      });
      const rows = emails
        .map(
          // No link inside <summary> (an interactive element there is not reachable as itself): the filter link follows it.
          (e) => `<article><details><summary><strong>${escapeHtml(e.subject)}</strong><br>
<span class="muted">to ${escapeHtml(e.to)} &middot; ${e.createdAt.toISOString()} &middot; ${e.status.toLowerCase()}</span></summary>
<p class="muted"><a href="?to=${encodeURIComponent(e.to)}">Only emails to ${escapeHtml(e.to)}</a></p>
<pre style="white-space:pre-wrap">${escapeHtml(e.textBody)}</pre></details></article>`,
        )
        .join("\n");
      endResponse(
        simulatorPage(
          "Development mailbox",
          `<p class="muted">Emails are not sent (no POSTMARK_SERVER_TOKEN); they are kept here.${to ? ` Showing ${escapeHtml(to)}: <a href="${DEV_MAILBOX_PATH}">all</a>.` : ""}</p>
<h1>Mailbox</h1>${rows || "<p>No emails yet.</p>"}`,
        ),
      );
    },
  };
}
