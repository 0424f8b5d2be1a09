// Earnings. Balance, totals and payouts arrive with the payouts work (no Earnings type in the
// schema yet); meanwhile this page shows completed sessions and their fees, which are real.
import { For, Match, Show, Switch } from "solid-js";
import { createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { RequireRole } from "../features/auth/require-role";
import { BOOKING_CONTEXT } from "../features/bookings/fragments";
import { BalanceCards, FeesChart, PayoutHistory, StripeConnect } from "../features/earnings/earnings-parts";
import { formatCents, formatDateTime } from "../lib/format";
import { ErrorNotice, Notice, Spinner } from "../components/ui";

const CompletedSessionsDocument = graphql(`
  query CompletedSessions {
    bookings(status: COMPLETED, first: 100) {
      totalCount
      edges {
        node {
          id
          title
          completedAt
          mentee {
            id
            name
          }
          price {
            amountCents
            currency
            formatted
          }
        }
      }
    }
  }
`);

export default function Earnings() {
  return (
    <RequireRole roles={["MENTOR"]}>
      <EarningsView />
    </RequireRole>
  );
}

function EarningsView() {
  const [result, refetch] = createQuery({ query: CompletedSessionsDocument, context: BOOKING_CONTEXT });
  const sessions = () => result.data?.bookings.edges.map((edge) => edge.node) ?? [];
  const gross = () => sessions().reduce((sum, b) => sum + b.price.amountCents, 0);
  return (
    <section class="page">
      <div class="page-head">
        <h1>Earnings</h1>
      </div>
      <Notice tone="info">
        <p>
          <strong>Earnings arrive with payouts.</strong> Your balance, total earnings and payout history will show here once
          payouts are switched on. Nothing is missing: completed sessions below are already counted.
        </p>
      </Notice>
      <BalanceCards />
      <Switch>
        <Match when={!result.data && result.fetching}>
          <Spinner label="Loading completed sessions…" />
        </Match>
        <Match when={!result.data && result.error}>
          <ErrorNotice message="We could not load your completed sessions." retry={() => refetch({ requestPolicy: "network-only" })} />
        </Match>
        <Match when={result.data}>
          <section class="card" aria-labelledby="completed-title">
            <h2 id="completed-title">Completed sessions</h2>
            <p class="muted">
              {result.data!.bookings.totalCount} completed · session fees paid by mentees:{" "}
              <strong>{formatCents(gross(), sessions()[0]?.price.currency ?? "USD")}</strong> (before the platform fee)
            </p>
            <FeesChart
              points={sessions()
                .filter((b) => b.completedAt)
                .map((b) => ({ completedAt: b.completedAt!, amountCents: b.price.amountCents, currency: b.price.currency }))}
            />
            <Show when={sessions().length > 0}>
              <table class="table">
                <caption class="visually-hidden">Completed sessions</caption>
                <thead>
                  <tr>
                    <th scope="col">Session</th>
                    <th scope="col">Mentee</th>
                    <th scope="col">Completed</th>
                    <th scope="col" class="num">
                      Fee
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={sessions().slice(0, 20)}>
                    {(b) => (
                      <tr>
                        <td>{b.title}</td>
                        <td>{b.mentee.name}</td>
                        <td>{formatDateTime(b.completedAt)}</td>
                        <td class="num">{b.price.formatted}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </section>
        </Match>
      </Switch>
      <div class="two-col">
        <PayoutHistory />
        <StripeConnect />
      </div>
    </section>
  );
}
