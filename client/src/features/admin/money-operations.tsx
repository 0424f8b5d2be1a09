// Admin money operations: cancel any booking with a full or partial refund, retry failed
// refunds (including refunds Stripe failed after they had succeeded), and read a mentor's ledger.
import { For, Show, createSignal } from "solid-js";
import { createMutation, createQuery } from "@urql/solid";
import { graphql } from "../../gql";
import { OutcomeMessage, type Outcome } from "../../components/ui";
import { errorMessage } from "../../lib/errors";

const FailedRefundsDocument = graphql(`
  query FailedRefunds {
    bookings(refundStatus: FAILED, first: 50) {
      edges {
        node {
          id
          title
          refund {
            status
            failureReason
            amount {
              formatted
            }
          }
        }
      }
    }
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

const RetryRefundDocument = graphql(`
  mutation RetryRefund($id: ID!) {
    retryRefund(id: $id) {
      __typename
      ... on RetryRefundSuccess {
        booking {
          id
          refund {
            status
          }
        }
      }
      ...MutationError
    }
  }
`);

const MentorLedgerDocument = graphql(`
  query MentorLedger($mentorId: ID!) {
    mentorLedger(mentorId: $mentorId) {
      balance {
        formatted
      }
      entries(first: 20) {
        edges {
          node {
            id
            kind
            side
            description
            amount {
              formatted
            }
          }
        }
      }
    }
  }
`);

export function MoneyOperations() {
  const [failed, refetchFailed] = createQuery({ query: FailedRefundsDocument, context: { additionalTypenames: ["Refund", "Booking"] } });
  const [, cancel] = createMutation(AdminCancelDocument);
  const [, retry] = createMutation(RetryRefundDocument);
  const [message, setMessage] = createSignal<Outcome>();
  const [mentorId, setMentorId] = createSignal("");
  const [ledger] = createQuery({ query: MentorLedgerDocument, variables: () => ({ mentorId: mentorId() }), pause: () => !mentorId() });

  const onCancel = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const cents = String(form.get("refundCents") ?? "").trim();
    const res = await cancel({ id: String(form.get("id")), reason: String(form.get("reason")), refundCents: cents ? Number(cents) : null });
    const data = res.data?.adminCancelBooking;
    setMessage(
      data?.__typename === "AdminCancelBookingSuccess"
        ? { error: false, text: `Booking cancelled (payment ${data.booking.payment.toLowerCase()}).` }
        : { error: true, text: errorMessage(data) },
    );
  };
  const onRetry = async (id: string) => {
    const data = (await retry({ id })).data?.retryRefund;
    setMessage(
      data?.__typename === "RetryRefundSuccess"
        ? { error: false, text: `Refund sent again: ${data.booking.refund?.status.toLowerCase()}.` }
        : { error: true, text: errorMessage(data) },
    );
    refetchFailed({ requestPolicy: "network-only" });
  };

  return (
    <section class="page" aria-label="Money operations">
      <h2>Money</h2>
      <OutcomeMessage outcome={message()} />
      <form class="card form" onSubmit={onCancel} aria-label="Cancel a booking">
        <h3>Cancel a booking</h3>
        <label>
          Booking id <input name="id" required />
        </label>
        <label>
          Reason <input name="reason" required maxLength={1000} />
        </label>
        <label>
          Refund in cents (empty: all of it) <input name="refundCents" inputMode="numeric" pattern="[0-9]*" />
        </label>
        <button type="submit" class="button">
          Cancel booking
        </button>
      </form>
      <h3>Failed refunds</h3>
      <ul class="card list" aria-label="Failed refunds">
        <For each={failed.data?.bookings.edges ?? []} fallback={<li class="muted">No failed refunds.</li>}>
          {({ node }) => (
            <li class="list-row">
              <div>
                <p>
                  {node.title} · {node.refund?.amount.formatted}
                </p>
                <p class="muted">{node.refund?.failureReason}</p>
              </div>
              <button type="button" class="button" onClick={() => onRetry(node.id)}>
                Retry refund
              </button>
            </li>
          )}
        </For>
      </ul>
      <form
        class="card form"
        aria-label="Mentor ledger"
        onSubmit={(event) => {
          event.preventDefault();
          setMentorId(String(new FormData(event.currentTarget).get("mentorId") ?? ""));
        }}
      >
        <h3>Mentor ledger</h3>
        <label>
          Mentor id <input name="mentorId" required />
        </label>
        <button type="submit" class="button">
          Show
        </button>
        <Show when={ledger.data?.mentorLedger}>
          {(account) => (
            <div>
              <p>Balance {account().balance.formatted}</p>
              <ul class="list">
                <For each={account().entries.edges}>
                  {({ node }) => (
                    <li>
                      {node.kind} {node.side === "CREDIT" ? "+" : "−"}
                      {node.amount.formatted} · {node.description}
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </Show>
      </form>
    </section>
  );
}
