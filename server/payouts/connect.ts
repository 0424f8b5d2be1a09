// Stripe Connect onboarding: one Express account per mentor, a fresh onboarding link per call,
// and account.updated keeping the mentor's payout state in sync.
import type Stripe from "stripe";
import type { MentorProfile } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import { publishViewerChange } from "../pubsub.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import { requireRole } from "../accounts/viewer.ts";
import { NotAuthorizedError, PaymentProviderError } from "../shared/errors.ts";
import { ConnectProviderError, type ProviderAccountState } from "../ports/payout-gateway.ts";
import { logger } from "../log.ts";

export type StripeConnectionStatus = "NOT_CONNECTED" | "ONBOARDING_INCOMPLETE" | "RESTRICTED" | "ACTIVE";

export interface StripeConnection {
  status: StripeConnectionStatus;
  payoutsEnabled: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
}

export type ProfileState = Pick<
  MentorProfile,
  "stripeAccountId" | "payoutsEnabled" | "stripeDetailsSubmitted" | "stripeRequirementsDue" | "stripeDisabledReason"
>;

export function connectionOf(profile: ProfileState | null): StripeConnection {
  if (!profile?.stripeAccountId) {
    return { status: "NOT_CONNECTED", payoutsEnabled: false, requirementsDue: [], disabledReason: null };
  }
  const status: StripeConnectionStatus = profile.payoutsEnabled
    ? "ACTIVE"
    : profile.stripeDetailsSubmitted
      ? "RESTRICTED"
      : "ONBOARDING_INCOMPLETE";
  return {
    status,
    payoutsEnabled: profile.payoutsEnabled,
    requirementsDue: profile.stripeRequirementsDue,
    disabledReason: profile.stripeDisabledReason,
  };
}

export const onboardingUrls = (publicUrl: string) => ({
  refreshUrl: `${publicUrl}/earnings?stripe=refresh`,
  returnUrl: `${publicUrl}/earnings?stripe=return`,
});

/**
 * Creates the mentor's Express account once (idempotency key connect:<mentorId> at Stripe and a
 * conditional update on stripeAccountId IS NULL here, so concurrent calls end with one account)
 * and returns a fresh onboarding link.
 */
export async function connectStripeAccount(
  services: Services,
  viewer: AuthenticatedUser | null,
): Promise<{ url: string; stripe: StripeConnection }> {
  const user = requireRole(viewer, "MENTOR");
  const { db } = services;
  let profile = await db.mentorProfile.findUnique({ where: { userId: user.id }, include: { user: { select: { email: true } } } });
  if (!profile) throw new NotAuthorizedError("Only mentors can connect a payout account.");
  try {
    if (!profile.stripeAccountId) {
      const { accountId } = await services.payouts.createConnectedAccount({ mentorId: user.id, email: profile.user.email });
      await db.mentorProfile.updateMany({ where: { userId: user.id, stripeAccountId: null }, data: { stripeAccountId: accountId } });
      profile = await db.mentorProfile.findUniqueOrThrow({ where: { userId: user.id }, include: { user: { select: { email: true } } } });
    }
    const { url } = await services.payouts.createOnboardingLink({
      accountId: profile.stripeAccountId!,
      ...onboardingUrls(services.env.publicUrl),
    });
    return { url, stripe: connectionOf(profile) };
  } catch (error) {
    if (error instanceof ConnectProviderError) {
      logger.error({ mentorId: user.id }, `connect: mentor ${user.id}: ${error.message}`);
      throw new PaymentProviderError();
    }
    throw error;
  }
}

/**
 * account.updated: brings the mentor's payout state in line with the account. Stripe sends these
 * out of order, several within one second (the event's `created` cannot order them), so the
 * account's current state is read back from Stripe, with the mentor's row locked so that two
 * deliveries apply their reads one after the other: whichever order they arrive in, the last
 * write is Stripe's latest word. Without a provider lookup (the simulator) the event's own
 * snapshot is applied, skipping one older than the state already applied.
 * Unknown accounts are ignored.
 */
export async function applyAccountUpdated(services: Services, account: Stripe.Account, eventCreated: number): Promise<boolean> {
  const syncedAt = new Date(eventCreated * 1000);
  const requirements = account.requirements;
  const fromEvent: ProviderAccountState = {
    payoutsEnabled: account.payouts_enabled === true,
    detailsSubmitted: account.details_submitted === true,
    requirementsDue: [...new Set([...(requirements?.past_due ?? []), ...(requirements?.currently_due ?? [])])],
    disabledReason: requirements?.disabled_reason ?? null,
  };
  const userId = await services.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ userId: string; syncedAt: Date | null }>>`
      SELECT "userId"::text AS "userId", "stripeAccountSyncedAt" AS "syncedAt" FROM "MentorProfile" WHERE "stripeAccountId" = ${account.id} FOR UPDATE`;
    const row = rows[0];
    if (!row) return null;
    const current = await services.payouts.retrieveAccount(account.id);
    if (!current && row.syncedAt && row.syncedAt > syncedAt) return null; // an older snapshot than the one applied
    const state = current ?? fromEvent;
    const newest = row.syncedAt && row.syncedAt > syncedAt ? row.syncedAt : syncedAt;
    await tx.mentorProfile.update({
      where: { userId: row.userId },
      data: {
        payoutsEnabled: state.payoutsEnabled,
        stripeDetailsSubmitted: state.detailsSubmitted,
        stripeRequirementsDue: state.requirementsDue,
        stripeDisabledReason: state.disabledReason,
        stripeAccountSyncedAt: newest,
      },
    });
    return row.userId;
  });
  if (!userId) return false;
  // The mentor's open Earnings page shows the new Connect state.
  publishViewerChange(services, "EARNINGS", userId);
  return true;
}
