// What an admin sees and does on a booking's page: the audit history (what admins did to it), the
// cancellation with a full or partial refund, the retry of a failed refund, and the mentor's
// ledger (the mentor's name). Rendered keyed by booking id: each action is sent for the booking
// the panel was drawn for, and what is typed stays with it whatever arrives live.
import { For, Show, createSignal } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { AdminActionKind, BookingStatus } from "../../gql/graphql";
import { EmptyState, FormError, OutcomeMessage, SubmitButton, TextField, type Outcome } from "../../components/ui";
import { createMutationForm, text } from "../../components/form";
import { readResult } from "../../lib/mutation";
import { fieldMessage } from "../../lib/errors";
import { formatDateTime, parseDollars } from "../../lib/format";
import { BookingParties } from "./booking-parties";
import { RetryRefundButton } from "./failed-refunds";

export const BookingAdminFragment = graphql(`
  fragment BookingAdminPanel on Booking {
    id
    title
    status
    payment
    price {
      formatted
    }
    refund {
      status
      failureReason
      amount {
        formatted
      }
    }
    adminHistory {
      id
      kind
      note
      createdAt
      amount {
        formatted
      }
      admin {
        name
      }
    }
    ...BookingParties
  }
`);

const AdminCancelDocument = graphql(`
  mutation AdminCancelBooking($id: ID!, $reason: String!, $refundCents: Int) {
    adminCancelBooking(id: $id, reason: $reason, refundCents: $refundCents) {
      __typename
      ... on AdminCancelBookingSuccess {
        booking {
          id
          status
          payment
        }
      }
      ...MutationError
    }
  }
`);

const KIND: Record<AdminActionKind, string> = {
  CANCEL_BOOKING: "Cancelled",
  RETRY_REFUND: "Refund sent again",
  RESOLVE_PROBLEM: "Problem report resolved",
  HANDLE_DISPUTE: "Dispute marked handled",
};

/** Statuses an admin may still cancel (the booking is not over). */
const CANCELLABLE: BookingStatus[] = ["AWAITING_PAYMENT", "PENDING", "CONFIRMED"];

export function BookingAdminPanel(props: { booking: FragmentType<typeof BookingAdminFragment> }) {
  const booking = () => getFragmentData(BookingAdminFragment, props.booking);
  const [outcome, setOutcome] = createSignal<Outcome>();
  return (
    <section class="card" aria-labelledby="admin-panel-heading" data-testid="booking-admin">
      <h2 id="admin-panel-heading">Admin</h2>
      <p class="muted">
        <BookingParties booking={booking()} /> · the mentor's name opens their ledger.
      </p>
      <OutcomeMessage outcome={outcome()} />
      <Show when={CANCELLABLE.includes(booking().status)}>
        <AdminCancelForm
          bookingId={booking().id}
          charged={booking().payment === "CAPTURED"}
          price={booking().price.formatted}
          onDone={setOutcome}
        />
      </Show>
      <Show when={booking().refund?.status === "FAILED" && booking().refund}>
        {(refund) => (
          <div>
            <p class="form-error">
              The refund of {refund().amount.formatted} failed{refund().failureReason ? `: ${refund().failureReason}` : "."}
            </p>
            <RetryRefundButton bookingId={booking().id} title={booking().title} onDone={setOutcome} />
          </div>
        )}
      </Show>
      <h3>Audit history</h3>
      <Show when={booking().adminHistory.length > 0} fallback={<EmptyState title="No admin has acted on this booking." />}>
        <ol class="list audit" aria-label="Audit history">
          <For each={booking().adminHistory}>
            {(action) => (
              <li class="list-row" data-kind={action.kind}>
                <div>
                  <p>
                    <strong>{KIND[action.kind]}</strong>
                    {action.amount ? ` · ${action.amount.formatted}` : ""}
                    {action.admin ? ` · by ${action.admin.name}` : ""} ·{" "}
                    <time datetime={action.createdAt}>{formatDateTime(action.createdAt)}</time>
                  </p>
                  <Show when={action.note}>
                    <p class="muted">{action.note}</p>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}

function AdminCancelForm(props: { bookingId: string; charged: boolean; price: string; onDone: (outcome: Outcome) => void }) {
  const bookingId = props.bookingId;
  const form = createMutationForm(AdminCancelDocument, {
    labels: { reason: "Reason", refundCents: "Refund" },
    explain: (error) => {
      if (error?.field !== "refundCents") return undefined;
      if (error.rule === "NOT_CHARGED")
        return { fields: { refundCents: "Nothing was charged, so there is nothing to refund: leave it empty." } };
      if (error.rule?.toLowerCase() === "range")
        return { fields: { refundCents: `The refund can be at most the price (${props.price}).` } };
      return { fields: { refundCents: fieldMessage(error, "Refund") } };
    },
  });
  const id = `admin-cancel-${bookingId}`;
  const submit = form.submit(
    async (values) => {
      const refund = text(values, "refundCents");
      const data = await form.send({ id: bookingId, reason: text(values, "reason"), refundCents: refund ? parseDollars(refund) : null });
      const outcome = readResult(data?.adminCancelBooking, "AdminCancelBookingSuccess");
      if (outcome.ok) props.onDone({ text: `Booking cancelled (payment ${outcome.value.booking.payment.toLowerCase()}).` });
      return outcome;
    },
    (values) => {
      const found: Record<string, string> = {};
      if (!text(values, "reason")) found.reason = "Reason is required.";
      const refund = text(values, "refundCents");
      if (refund && parseDollars(refund) === null) found.refundCents = "Enter the refund in dollars, e.g. 20 or 12.50, or leave it empty.";
      return found;
    },
  );
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Cancel this booking</h3>
      <TextField
        id={`${id}-reason`}
        label="Reason (kept in the audit history)"
        error={form.fieldError("reason")}
        name="reason"
        maxLength={1000}
      />
      <Show
        when={props.charged}
        fallback={<p class="muted">Nothing was charged: a hold on the mentee's card is released, an unpaid booking just closes.</p>}
      >
        <TextField
          id={`${id}-refund`}
          label={`Refund (USD; empty: all ${props.price})`}
          error={form.fieldError("refundCents")}
          name="refundCents"
          inputMode="decimal"
        />
      </Show>
      <FormError message={form.error()} />
      <SubmitButton class="button button-danger" busy={form.busy()} busyLabel="Cancelling…" label="Cancel booking" />
    </form>
  );
}
