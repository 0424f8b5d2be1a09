// Connect and transfers without Stripe keys, so the demo works offline. Accounts are
// acct_sim_<mentor id>; the onboarding link opens /connect/<account id>?expires=…&sig=… (signed
// with the webhook secret, valid for a few minutes, so only the mentor it was issued to can
// use it), a page in the style of the payment simulator whose button sends a signed account.updated event through the same
// POST /webhooks/stripe endpoint Stripe uses. Transfers always succeed (tr_sim_<payout id>).
import type { Plugin } from "graphql-yoga";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Services } from "../services.ts";
import type { PayoutGateway } from "../ports/payout-gateway.ts";
import { escapeHtml, htmlPage as simulatorPage } from "../shared/html-page.ts";
import { deliverSignedEvent } from "./simulator-page.ts";

export const CONNECT_SIMULATOR_PREFIX = "/connect/";
const CONNECT_PATH = /^\/connect\/(acct_sim_[0-9a-f]{32})$/;

const simulatedAccountId = (mentorId: string) => `acct_sim_${mentorId.replace(/-/g, "").toLowerCase()}`;

/** Like Stripe's Account Links, an onboarding link works for a few minutes and only as issued. */
export const ONBOARDING_LINK_TTL_SECONDS = 300;

const linkSignature = (secret: string, accountId: string, expires: number) =>
  createHmac("sha256", secret).update(`connect:${accountId}:${expires}`).digest("hex");

function validLink(secret: string, accountId: string, url: URL): boolean {
  const expires = Number(url.searchParams.get("expires"));
  const sig = url.searchParams.get("sig") ?? "";
  if (!Number.isSafeInteger(expires) || expires < Date.now() / 1000) return false;
  const expected = Buffer.from(linkSignature(secret, accountId, expires));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function simulatorPayoutGateway(env: { publicUrl: string; stripe: { webhookSecret: string } }): PayoutGateway {
  return {
    mode: "simulator",
    async createConnectedAccount({ mentorId }) {
      return { accountId: simulatedAccountId(mentorId) };
    },
    async createOnboardingLink({ accountId }) {
      const expires = Math.floor(Date.now() / 1000) + ONBOARDING_LINK_TTL_SECONDS;
      const sig = linkSignature(env.stripe.webhookSecret, accountId, expires);
      return { url: `${env.publicUrl}${CONNECT_SIMULATOR_PREFIX}${accountId}?expires=${expires}&sig=${sig}` };
    },
    async createTransfer({ payoutId }) {
      return { transferId: `tr_sim_${payoutId.replace(/-/g, "")}` };
    },
    // Simulated transfers are not funded by a balance: nothing to wait for.
    async availableBalance() {
      return null;
    },
    // No provider to compare with: reconciliation does not run without Stripe keys.
    async listTransfers() {
      return [];
    },
    // The simulator's onboarding page sends the whole state in its event: that is the state.
    async retrieveAccount() {
      return null;
    },
    async findTransfer() {
      return null; // createTransfer is deterministic per payout: making it again is the lookup
    },
  };
}

/** The account.updated event Stripe sends once onboarding is complete. */
export function simulatedAccountUpdated(accountId: string, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_sim_${randomBytes(12).toString("hex")}`,
    object: "event",
    api_version: "2025-01-01",
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "account.updated",
    data: {
      object: {
        id: accountId,
        object: "account",
        type: "express",
        charges_enabled: true,
        payouts_enabled: true,
        details_submitted: true,
        capabilities: { transfers: "active" },
        requirements: { currently_due: [], past_due: [], eventually_due: [], disabled_reason: null },
      },
    },
  };
}

/** Serves /connect/<account id> in simulator mode and turns its form into a signed account.updated webhook. */
export function useConnectSimulator(services: Services, deliver: (request: Request) => Promise<Response>): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith(CONNECT_SIMULATOR_PREFIX)) return;
      const match = url.pathname.match(CONNECT_PATH);
      const profile =
        match && services.payouts.mode === "simulator"
          ? await services.db.mentorProfile.findUnique({ where: { stripeAccountId: match[1]! }, include: { user: true } })
          : null;
      if (!profile) return endResponse(simulatorPage("Not found", "<h1>Onboarding link not found</h1>", 404));
      const back = `${services.env.publicUrl}/earnings?stripe=return`;
      if (!validLink(services.env.stripe.webhookSecret, profile.stripeAccountId!, url)) {
        return endResponse(
          simulatorPage(
            "Link expired",
            `<h1>This onboarding link has expired</h1><p>Onboarding links work for a few minutes. Go back to Earnings and press Connect again for a fresh one.</p>
<p><a href="${escapeHtml(`${services.env.publicUrl}/earnings?stripe=refresh`)}">Back to Earnings</a></p>`,
            403,
          ),
        );
      }
      if (request.method === "POST") {
        const response = await deliverSignedEvent(services, deliver, simulatedAccountUpdated(profile.stripeAccountId!));
        if (!response.ok)
          return endResponse(simulatorPage("Onboarding failed", `<h1>Onboarding failed</h1><p><a href="">Try again</a></p>`, 502));
        return endResponse(new Response(null, { status: 303, headers: { location: back } }));
      }
      const done = profile.payoutsEnabled;
      return endResponse(
        simulatorPage(
          "Connect your payout account",
          `<p class="muted">Local Stripe Connect simulator: no real account is created.</p>
<h1>Payouts for ${escapeHtml(profile.user.name)}</h1>
${done ? "<p>Onboarding is complete: payouts are enabled.</p>" : "<p>Confirm your details to receive payouts.</p>"}
<form method="post"><button type="submit">${done ? "Update details" : "Complete onboarding"}</button></form>
<p><a href="${escapeHtml(back)}">Back to Earnings</a></p>`,
        ),
      );
    },
  };
}
