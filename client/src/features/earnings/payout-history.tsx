// Payout history, newest first: the first page comes with the Earnings query (so it refreshes
// with it); "Load more" follows the connection's endCursor for older payouts.
import { For, Match, Show, Switch, createMemo, createSignal } from "solid-js";
import { useClient } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { PayoutHistoryFragment as Page, PayoutStatus } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";
import { EmptyState } from "../../components/ui";
import { payoutFailureText } from "./stripe-words";

/**
 * Earnings change when a booking of the mentor's changes (completed: balance; confirmed:
 * pending). The one bookingChanged subscription invalidates every query with these typenames.
 */
export const EARNINGS_CONTEXT = { additionalTypenames: ["Booking", "Payout"] };

export const PayoutHistoryFragment = graphql(`
  fragment PayoutHistory on PayoutConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        ...PayoutRow
      }
    }
  }
`);

const PayoutRowFragment = graphql(`
  fragment PayoutRow on Payout {
    status
    amount {
      formatted
    }
    createdAt
    paidAt
    failedAt
    failureReason
  }
`);

const MorePayoutsDocument = graphql(`
  query MorePayouts($first: Int!, $after: String) {
    earnings {
      payouts(first: $first, after: $after) {
        ...PayoutHistory
      }
    }
  }
`);

type PayoutNode = Page["edges"][number]["node"];

const STATUS: Record<PayoutStatus, { label: string; tone: string }> = {
  PENDING: { label: "Processing", tone: "warning" },
  PAID: { label: "Paid", tone: "ok" },
  FAILED: { label: "Failed", tone: "danger" },
};

export function PayoutHistory(props: { firstPage: FragmentType<typeof PayoutHistoryFragment>; pageSize: number }) {
  const client = useClient();
  const firstPage = () => getFragmentData(PayoutHistoryFragment, props.firstPage);
  const [older, setOlder] = createSignal<PayoutNode[]>([]);
  const [olderInfo, setOlderInfo] = createSignal<Page["pageInfo"]>();
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal(false);

  const payouts = createMemo(() => {
    const first = firstPage().edges.map((edge) => edge.node);
    const seen = new Set(first.map((p) => p.id));
    return [...first, ...older().filter((p) => !seen.has(p.id))];
  });
  const pageInfo = () => olderInfo() ?? firstPage().pageInfo;

  const loadMore = async () => {
    setLoading(true);
    setError(false);
    const result = await client
      .query(
        MorePayoutsDocument,
        { first: props.pageSize, after: pageInfo().endCursor ?? null },
        { ...EARNINGS_CONTEXT, requestPolicy: "network-only" },
      )
      .toPromise();
    setLoading(false);
    const page = getFragmentData(PayoutHistoryFragment, result.data?.earnings?.payouts);
    if (!page) return setError(true);
    setOlder((list) => [...list, ...page.edges.map((edge) => edge.node)]);
    setOlderInfo(page.pageInfo);
  };

  return (
    <section class="card" aria-labelledby="payouts-title">
      <h2 id="payouts-title">Payout history</h2>
      <Show
        when={payouts().length > 0}
        fallback={
          <EmptyState title="No payouts yet.">
            <p>Each payout to your Stripe account will be listed here with its status.</p>
          </EmptyState>
        }
      >
        <p class="muted">
          {firstPage().totalCount} {firstPage().totalCount === 1 ? "payout" : "payouts"}, newest first
        </p>
        <ol class="payout-list" aria-label="Payouts" aria-busy={loading()}>
          <For each={payouts()}>{(payout) => <PayoutRow payout={payout} />}</For>
        </ol>
        <Show when={error()}>
          <p class="form-error" role="alert">
            We could not load older payouts. Please try again.
          </p>
        </Show>
        <Show when={pageInfo().hasNextPage}>
          <button type="button" class="button button-secondary" disabled={loading()} onClick={loadMore}>
            {loading() ? "Loading…" : "Load more payouts"}
          </button>
        </Show>
      </Show>
    </section>
  );
}

function PayoutRow(props: { payout: FragmentType<typeof PayoutRowFragment> }) {
  const payout = () => getFragmentData(PayoutRowFragment, props.payout);
  const status = () => STATUS[payout().status] ?? STATUS.PENDING;
  return (
    <li class="payout" data-status={payout().status}>
      <div class="payout-main">
        <span class="payout-amount">{payout().amount.formatted}</span>
        <span class={`badge badge-tone-${status().tone}`}>{status().label}</span>
      </div>
      <p class="payout-dates">
        <Switch fallback={<>Started {formatDateTime(payout().createdAt)}</>}>
          <Match when={payout().status === "PAID" && payout().paidAt}>
            {(paidAt) => (
              <>
                Paid on <time datetime={paidAt()}>{formatDateTime(paidAt())}</time>
              </>
            )}
          </Match>
          <Match when={payout().status === "FAILED"}>
            Failed on{" "}
            <time datetime={payout().failedAt ?? payout().createdAt}>{formatDateTime(payout().failedAt ?? payout().createdAt)}</time>
          </Match>
        </Switch>
      </p>
      <Show when={payout().status === "FAILED"}>
        <p class="payout-failure">
          {payoutFailureText(payout().failureReason)} The amount went back to your balance and is paid out again with the next payout; check
          your Stripe account, or contact support if this keeps happening.
        </p>
      </Show>
    </li>
  );
}
