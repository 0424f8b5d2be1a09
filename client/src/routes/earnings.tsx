// Earnings: balance, pending, total earned and paid out; what the minimum payout means; the
// Stripe connection; earnings by month; payout history. Live: the one bookingChanged
// subscription invalidates this query (EARNINGS_CONTEXT), and it is refetched when the window
// regains focus and when the mentor comes back from Stripe onboarding.
import { Show, createEffect, on, onCleanup } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import { createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { forRoles } from "../features/auth/require-role";
import { BalanceCards, MinimumPayout } from "../features/earnings/balance-cards";
import { EarningsChart } from "../features/earnings/earnings-chart";
import { EARNINGS_CONTEXT, PayoutHistory } from "../features/earnings/payout-history";
import { StripeConnect } from "../features/earnings/stripe-connect";
import { ReliabilityCard } from "../features/mentors/reliability";
import { EmptyState, Notice } from "../components/ui";
import { QueryState } from "../components/query-state";
import { onReturnToTab } from "../lib/window-focus";

const EarningsDocument = graphql(`
  query Earnings($payoutsFirst: Int!) {
    earnings {
      ...BalanceCards
      ...MinimumPayout
      stripe {
        status
        ...StripeConnect
      }
      monthly(months: 12) {
        ...EarningsChart
      }
      payouts(first: $payoutsFirst) {
        ...PayoutHistory
      }
      reliability {
        ...ReliabilityFigures
      }
    }
  }
`);

const PAYOUTS_PAGE = 10;

function EarningsView() {
  const [search, setSearch] = useSearchParams();
  const query = createQuery({
    query: EarningsDocument,
    variables: { payoutsFirst: PAYOUTS_PAGE },
    context: EARNINGS_CONTEXT,
  });
  const [result, refetch] = query;
  const earnings = () => result.data?.earnings;
  const refresh = () => refetch({ requestPolicy: "network-only" });

  // Back in this tab (from Stripe, another tab, or after a while): the balance may have moved.
  onReturnToTab(refresh, 2000, Date.now());

  // Back from Stripe onboarding: Stripe's account.updated webhook may land a moment after the
  // redirect, so look again a few times until the status settles.
  const returned = () => (search.stripe === "return" || search.stripe === "refresh" ? search.stripe : undefined);
  createEffect(
    on(returned, (kind) => {
      if (!kind) return;
      refresh();
      const timers = [1500, 4000, 8000].map((ms) =>
        setTimeout(() => {
          if (earnings()?.stripe.status !== "ACTIVE") refresh();
        }, ms),
      );
      onCleanup(() => timers.forEach(clearTimeout));
    }),
  );
  const dismiss = () => setSearch({ stripe: undefined }, { replace: true });

  return (
    <section class="page">
      <div class="page-head">
        <h1>Earnings</h1>
        <p class="lede">Your share of each completed session, what is on its way, and your payouts.</p>
      </div>
      <Show when={returned()}>
        {(kind) => (
          <div class="notice-row">
            <Show
              when={kind() === "return"}
              fallback={
                <Notice tone="warning">
                  <p>
                    <strong>Your Stripe setup link expired.</strong> Nothing is lost: choose Continue Stripe setup below to pick up where
                    you left off.
                  </p>
                </Notice>
              }
            >
              <Notice tone={earnings()?.stripe.status === "ACTIVE" ? "success" : "info"}>
                <p>
                  <strong>Welcome back from Stripe.</strong>{" "}
                  {earnings()?.stripe.status === "ACTIVE"
                    ? "Your account is connected."
                    : "We are checking your account's status; it is shown below."}
                </p>
              </Notice>
            </Show>
            <button type="button" class="button button-ghost" onClick={dismiss}>
              Dismiss<span class="visually-hidden"> message</span>
            </button>
          </div>
        )}
      </Show>
      <QueryState
        query={query}
        loading="Loading your earnings…"
        error="We could not load your earnings."
        stale="We could not refresh your earnings; the numbers below may be out of date."
        isEmpty={!earnings()}
        empty={
          <EmptyState title="Earnings are not available for this account.">
            <p>Sign in with your mentor account to see your earnings.</p>
          </EmptyState>
        }
      >
        <Show when={earnings()}>
          {(e) => (
            <div class="earnings" aria-busy={result.fetching}>
              <BalanceCards earnings={e()} />
              <div class="two-col">
                <MinimumPayout earnings={e()} />
                <StripeConnect stripe={e().stripe} />
              </div>
              <section class="card chart-card">
                <EarningsChart months={e().monthly} />
              </section>
              <PayoutHistory firstPage={e().payouts} pageSize={PAYOUTS_PAGE} />
              <ReliabilityCard figures={e().reliability} />
            </div>
          )}
        </Show>
      </QueryState>
    </section>
  );
}

export default forRoles(["MENTOR"], EarningsView);
