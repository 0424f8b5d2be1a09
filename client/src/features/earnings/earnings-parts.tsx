// Earnings building blocks. The API has no Earnings/Payout types yet (the money issue adds
// them): until then the balance cards say so instead of showing numbers, and the chart and
// the list use what the schema has: the fees of completed sessions. To wire up later, add an
// `earnings { balance total pending payouts stripe }` query in routes/earnings.tsx and pass
// its fields to <BalanceCards>, <PayoutHistory> and <StripeConnect>.
import { For, Show } from "solid-js";
import { formatCents } from "../../lib/format";

export interface MoneyView {
  formatted: string;
}

export function BalanceCards(props: { balance?: MoneyView; total?: MoneyView; pending?: MoneyView }) {
  const cards = () => [
    { label: "Balance", value: props.balance, hint: "Paid out when it reaches $10" },
    { label: "Pending", value: props.pending, hint: "From sessions not yet completed" },
    { label: "Total earned", value: props.total, hint: "Your share, after the platform fee" },
  ];
  return (
    <div class="stat-grid">
      <For each={cards()}>
        {(card) => (
          <div class="card stat">
            <p class="stat-label">{card.label}</p>
            <Show when={card.value} fallback={<p class="stat-value stat-missing">—</p>}>
              {(value) => <p class="stat-value">{value().formatted}</p>}
            </Show>
            <p class="hint">{card.hint}</p>
          </div>
        )}
      </For>
    </div>
  );
}

export function PayoutHistory() {
  return (
    <section class="card" aria-labelledby="payouts-title">
      <h2 id="payouts-title">Payout history</h2>
      <p class="muted">No payouts yet. Each payout will be listed here with its status and, if one fails, the reason.</p>
    </section>
  );
}

export function StripeConnect() {
  return (
    <section class="card stripe" aria-labelledby="stripe-title">
      <h2 id="stripe-title">
        Stripe payouts <span class="badge badge-soon">Coming soon</span>
      </h2>
      <p>
        Connect a Stripe account to receive payouts. Payouts run periodically for every connected mentor whose balance is at
        least $10.
      </p>
      <button type="button" class="button" disabled aria-describedby="stripe-soon">
        Connect Stripe
      </button>
      <p class="hint" id="stripe-soon">
        Stripe Connect onboarding is not available yet.
      </p>
    </section>
  );
}

export interface FeePoint {
  completedAt: string;
  amountCents: number;
  currency: string;
}

/** Session fees of completed sessions by month (what mentees paid, before the platform fee). */
export function FeesChart(props: { points: FeePoint[] }) {
  const months = () => {
    const byMonth = new Map<string, number>();
    for (const point of props.points) {
      const key = point.completedAt.slice(0, 7);
      byMonth.set(key, (byMonth.get(key) ?? 0) + point.amountCents);
    }
    return [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-12);
  };
  const max = () => Math.max(1, ...months().map(([, cents]) => cents));
  const currency = () => props.points[0]?.currency ?? "USD";
  const label = (key: string) =>
    new Date(`${key}-01T00:00:00Z`).toLocaleDateString(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
  return (
    <figure class="chart" aria-labelledby="fees-chart-caption">
      <figcaption id="fees-chart-caption">Completed session fees by month (before the platform fee)</figcaption>
      <Show when={months().length > 0} fallback={<p class="muted">No completed sessions yet.</p>}>
        <table class="visually-hidden">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Fees</th>
            </tr>
          </thead>
          <tbody>
            <For each={months()}>
              {([key, cents]) => (
                <tr>
                  <td>{label(key)}</td>
                  <td>{formatCents(cents, currency())}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <div class="bars" aria-hidden="true">
          <For each={months()}>
            {([key, cents]) => (
              <div class="bar-col">
                <span class="bar-value">{formatCents(cents, currency())}</span>
                <div class="bar" style={{ height: `${Math.max(4, (cents / max()) * 100)}%` }} />
                <span class="bar-label">{label(key)}</span>
              </div>
            )}
          </For>
        </div>
      </Show>
    </figure>
  );
}
