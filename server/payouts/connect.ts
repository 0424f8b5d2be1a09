// Stripe Connect onboarding: one Express account per mentor, a fresh onboarding link per call,
// and account.updated keeping the mentor's payout state in sync.
import type Stripe from "stripe";
import type { MentorProfile } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import { publishViewerChange } from "../pubsub.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import { requireRole } from "../accounts/viewer.ts";
import { NotAuthorizedError, PaymentProviderError } from "../shared/errors.ts";
import { ConnectProviderError } from "../ports/payout-gateway.ts";
import { logger } from "../log.ts";

export type StripeConnectionStatus = "NOT_CONNECTED" | "ONBOARDING_INCOMPLETE" | "RESTRICTED" | "ACTIVE";

export interface StripeConnection {
  status: StripeConnectionStatus;
  payoutsEnabled: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
}

type ProfileState = Pick<
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
 * account.updated: copies the account's payout state onto the mentor whose account it is.
 * Unknown accounts are ignored, and so is an event older than the state already applied
 * (Stripe does not deliver events in order).
 */
export async function applyAccountUpdated(services: Services, account: Stripe.Account, eventCreated: number): Promise<boolean> {
  const syncedAt = new Date(eventCreated * 1000);
  const requirements = account.requirements;
  const due = [...new Set([...(requirements?.past_due ?? []), ...(requirements?.currently_due ?? [])])];
  const result = await services.db.mentorProfile.updateMany({
    where: {
      stripeAccountId: account.id,
      OR: [{ stripeAccountSyncedAt: null }, { stripeAccountSyncedAt: { lte: syncedAt } }],
    },
    data: {
      payoutsEnabled: account.payouts_enabled === true,
      stripeDetailsSubmitted: account.details_submitted === true,
      stripeRequirementsDue: due,
      stripeDisabledReason: requirements?.disabled_reason ?? null,
      stripeAccountSyncedAt: syncedAt,
    },
  });
  if (result.count === 0) return false;
  // The mentor's open Earnings page shows the new Connect state.
  const profile = await services.db.mentorProfile.findFirst({ where: { stripeAccountId: account.id }, select: { userId: true } });
  if (profile) publishViewerChange(services, "EARNINGS", profile.userId);
  return true;
}
