// The five numbers of Earnings and what the minimum payout means for this mentor right now.
import { For, Show } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { formatCents, formatDateTime } from "../../lib/format";

export const BalanceCardsFragment = graphql(`
  fragment BalanceCards on Earnings {
    balance {
      formatted
    }
    pending {
      formatted
    }
    pendingBookings
    heldBalance {
      amountCents
      formatted
    }
    nextReleaseAt
    frozenBalance {
      amountCents
      formatted
    }
    owed {
      amountCents
      formatted
    }
    heldWaitingCount
    totalEarned {
      formatted
    }
    paidOut {
      formatted
    }
  }
`);

export const MinimumPayoutFragment = graphql(`
  fragment MinimumPayout on Earnings {
    minimumPayout {
      amountCents
      formatted
    }
    balance {
      amountCents
      currency
      formatted
    }
    stripe {
      status
      payoutsEnabled
    }
  }
`);

const sessions = (n: number) => `${n} ${n === 1 ? "session" : "sessions"}`;

export function BalanceCards(props: { earnings: FragmentType<typeof BalanceCardsFragment> }) {
  const earnings = () => getFragmentData(BalanceCardsFragment, props.earnings);
  /** When held money becomes available; reported and disputed ones wait for our team. */
  const heldHint = () => {
    const e = earnings();
    if (e.heldBalance.amountCents === 0 && e.frozenBalance.amountCents === 0)
      return "Completed sessions are held for a short window before they reach your balance";
    const next = e.nextReleaseAt ? `Next available ${formatDateTime(e.nextReleaseAt)}` : "";
    const review = e.heldWaitingCount > 0 ? `${sessions(e.heldWaitingCount)} waiting for our team` : "";
    const frozen = e.frozenBalance.amountCents > 0 ? `${e.frozenBalance.formatted} frozen by a card dispute` : "";
    return [next, review, frozen].filter(Boolean).join(" · ") || "Waiting for our team";
  };
  const cards = () => [
    {
      key: "balance",
      label: "Balance",
      value: earnings().balance,
      hint:
        earnings().owed.amountCents > 0
          ? `Available and not paid out yet. You owe ${earnings().owed.formatted} from a disputed session already paid out: your next earnings repay it first.`
          : "Available and not paid out yet",
    },
    {
      key: "held",
      label: "Held",
      value: earnings().heldBalance,
      hint: heldHint(),
    },
    {
      key: "pending",
      label: "Pending",
      value: earnings().pending,
      hint:
        earnings().pendingBookings > 0
          ? `From ${sessions(earnings().pendingBookings)} not completed yet`
          : "No sessions waiting to be completed",
    },
    {
      key: "total",
      label: "Total earned",
      value: earnings().totalEarned,
      hint: "Your share of every completed session, after the platform fee",
    },
    {
      key: "paid",
      label: "Paid out",
      value: earnings().paidOut,
      hint: "Sent to your Stripe account so far",
    },
  ];
  return (
    <ul class="stat-grid" aria-label="Earnings summary">
      <For each={cards()}>
        {(card) => (
          <li class="card stat" data-stat={card.key}>
            <p class="stat-label">{card.label}</p>
            <p class="stat-value">{card.value.formatted}</p>
            <p class="hint">{card.hint}</p>
          </li>
        )}
      </For>
    </ul>
  );
}

/** "Paid automatically when your balance reaches $10.00 and your Stripe account is connected." */
export function MinimumPayout(props: { earnings: FragmentType<typeof MinimumPayoutFragment> }) {
  const earnings = () => getFragmentData(MinimumPayoutFragment, props.earnings);
  const min = () => earnings().minimumPayout;
  const balance = () => earnings().balance;
  const connected = () => earnings().stripe.status === "ACTIVE" && earnings().stripe.payoutsEnabled;
  const missing = () => Math.max(0, min().amountCents - balance().amountCents);
  const progress = () => (min().amountCents > 0 ? Math.min(100, (balance().amountCents / min().amountCents) * 100) : 100);
  return (
    <section class="card minimum" aria-labelledby="minimum-title">
      <h2 id="minimum-title">Payouts</h2>
      <p>
        Your balance is paid automatically when it reaches <strong>{min().formatted}</strong> (the minimum payout) and your Stripe account
        is connected.
      </p>
      <div
        class="meter"
        role="progressbar"
        aria-label="Balance towards the minimum payout"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress())}
        aria-valuetext={`${balance().formatted} of ${min().formatted}`}
      >
        <div class="meter-fill" style={{ width: `${progress()}%` }} />
      </div>
      <p class="minimum-status" data-testid="minimum-status">
        <Show
          when={missing() > 0}
          fallback={
            connected()
              ? "Your balance will be included in the next payout."
              : "Your balance is ready to be paid out: connect Stripe below to receive it."
          }
        >
          {formatCents(missing(), balance().currency)} more to reach the minimum payout.
        </Show>
      </p>
    </section>
  );
}
