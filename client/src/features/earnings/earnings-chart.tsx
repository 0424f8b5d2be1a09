// Earnings by month as hand-made SVG bars (no chart library: the first page has a budget).
// Earned and paid out side by side, oldest month first. For screen readers the SVG is one
// image with a summary, and the same numbers are in a visually hidden table.
import { For, Show } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { EarningsChartFragment as MonthPoint } from "../../gql/graphql";
import { formatCents } from "../../lib/format";

export const EarningsChartFragment = graphql(`
  fragment EarningsChart on EarningsMonth {
    month
    earned {
      amountCents
      currency
      formatted
    }
    paidOut {
      amountCents
      formatted
    }
  }
`);

const HEIGHT = 200;
const TOP = 18; // room for the top gridline's label
const BOTTOM = 24; // room for month labels
const PLOT = HEIGHT - TOP - BOTTOM;

const monthShort = new Intl.DateTimeFormat(undefined, { month: "short", timeZone: "UTC" });
const monthLong = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
const fmt = (date: string, format: Intl.DateTimeFormat) => {
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? date.slice(0, 7) : format.format(d);
};

/** A round number at or above `cents` for the top gridline ($10, $20, $50, $100, …). */
function niceMax(cents: number): number {
  if (cents <= 0) return 1000;
  const magnitude = 10 ** Math.floor(Math.log10(cents));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= cents) return step * magnitude;
  return 10 * magnitude;
}

export function EarningsChart(props: { months: readonly FragmentType<typeof EarningsChartFragment>[] }) {
  const months = () => getFragmentData(EarningsChartFragment, props.months);
  const currency = () => months()[0]?.earned.currency ?? "USD";
  const max = () => niceMax(Math.max(0, ...months().flatMap((m) => [m.earned.amountCents, m.paidOut.amountCents])));
  const total = () => months().reduce((sum, m) => sum + m.earned.amountCents, 0);
  const best = () =>
    months().reduce<MonthPoint | undefined>((top, m) => (!top || m.earned.amountCents > top.earned.amountCents ? m : top), undefined);
  const slot = () => 100 / Math.max(1, months().length);
  const y = (cents: number) => TOP + PLOT - (cents / max()) * PLOT;
  const h = (cents: number) => (cents > 0 ? Math.max(2, (cents / max()) * PLOT) : 0);
  const money = (cents: number) => formatCents(cents, currency());
  const summary = () => {
    const first = months()[0];
    const last = months()[months().length - 1];
    if (!first || !last) return "No earnings yet.";
    const top = best();
    return (
      `Bar chart of earnings by month from ${fmt(first.month, monthLong)} to ${fmt(last.month, monthLong)}: ` +
      `${money(total())} earned in total` +
      (top && top.earned.amountCents > 0 ? `, most in ${fmt(top.month, monthLong)} (${top.earned.formatted}).` : ".")
    );
  };

  return (
    <figure class="chart" aria-labelledby="earnings-chart-title">
      <figcaption id="earnings-chart-title">
        <h2>Earnings by month</h2>
        <Show when={total() > 0}>
          <span class="chart-legend" aria-hidden="true">
            <span class="legend-earned">Earned</span>
            <span class="legend-paid">Paid out</span>
          </span>
        </Show>
      </figcaption>
      <Show
        when={total() > 0}
        fallback={<p class="muted">No earnings in the last {months().length || 12} months yet. Completed sessions will show here.</p>}
      >
        <svg class="chart-svg" width="100%" height={HEIGHT} role="img" aria-label={summary()} data-testid="earnings-chart">
          <line class="grid" x1="0" x2="100%" y1={y(max())} y2={y(max())} />
          <line class="grid" x1="0" x2="100%" y1={y(max() / 2)} y2={y(max() / 2)} />
          <line class="axis" x1="0" x2="100%" y1={TOP + PLOT} y2={TOP + PLOT} />
          <text class="grid-label" x="0" y={y(max()) - 5}>
            {money(max())}
          </text>
          <text class="grid-label" x="0" y={y(max() / 2) - 5}>
            {money(max() / 2)}
          </text>
          <For each={months()}>
            {(m, i) => (
              <g>
                <title>
                  {fmt(m.month, monthLong)}: {m.earned.formatted} earned, {m.paidOut.formatted} paid out
                </title>
                <rect
                  class="bar-earned"
                  x={`${i() * slot() + slot() * 0.15}%`}
                  width={`${slot() * 0.35}%`}
                  y={y(m.earned.amountCents)}
                  height={h(m.earned.amountCents)}
                  rx="2"
                />
                <rect
                  class="bar-paid"
                  x={`${i() * slot() + slot() * 0.5}%`}
                  width={`${slot() * 0.35}%`}
                  y={y(m.paidOut.amountCents)}
                  height={h(m.paidOut.amountCents)}
                  rx="2"
                />
                <text class="month-label" x={`${i() * slot() + slot() / 2}%`} y={HEIGHT - 6} text-anchor="middle">
                  {fmt(m.month, monthShort)}
                </text>
              </g>
            )}
          </For>
        </svg>
      </Show>
      <table class="visually-hidden">
        <caption>Earnings by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Earned</th>
            <th scope="col">Paid out</th>
          </tr>
        </thead>
        <tbody>
          <For each={months()}>
            {(m) => (
              <tr>
                <th scope="row">{fmt(m.month, monthLong)}</th>
                <td>{m.earned.formatted}</td>
                <td>{m.paidOut.formatted}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  );
}
