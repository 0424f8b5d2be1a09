// Failed refunds (refused by Stripe, or failed after they had succeeded): each links to its
// booking and can be sent again. The retry button is the booking page's too.
import { createSignal } from "solid-js";
import { A } from "@solidjs/router";
import { createQuery } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { EmptyState, OutcomeMessage, type Outcome } from "../../components/ui";
import { QueryState } from "../../components/query-state";
import { ForEachId } from "../../components/keyed";
import { MutationButton } from "../../components/mutation-button";
import { readResult } from "../../lib/mutation";
import { BookingParties } from "./booking-parties";

const FailedRefundFragment = graphql(`
  fragment FailedRefundRow on Booking {
    id
    title
    refund {
      failureReason
      amount {
        formatted
      }
    }
    ...BookingParties
  }
`);

const FailedRefundsDocument = graphql(`
  query FailedRefunds {
    bookings(refundStatus: FAILED, first: 50) {
      edges {
        node {
          id
          ...FailedRefundRow
        }
      }
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

/** Sends a booking's failed refund again; `onDone` hears where the refund is now. */
export function RetryRefundButton(props: { bookingId: string; title: string; onDone: (outcome: Outcome) => void }) {
  return (
    <MutationButton
      document={RetryRefundDocument}
      variables={{ id: props.bookingId }}
      read={(data) => readResult(data?.retryRefund, "RetryRefundSuccess")}
      onDone={(value) => props.onDone({ text: `Refund sent again: ${value.booking.refund?.status.toLowerCase()}.` })}
      label="Retry refund"
      busyLabel="Sending…"
      ariaLabel={`Retry the refund of ${props.title}`}
    />
  );
}

export function FailedRefunds() {
  const query = createQuery({ query: FailedRefundsDocument, context: { additionalTypenames: ["Refund", "Booking"] } });
  const [failed, refetch] = query;
  const [message, setMessage] = createSignal<Outcome>();
  const nodes = () => failed.data?.bookings.edges.map((edge) => edge.node) ?? [];
  const onDone = (outcome: Outcome) => {
    setMessage(outcome);
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <section class="page" aria-label="Failed refunds">
      <h2>Failed refunds</h2>
      <OutcomeMessage outcome={message()} />
      <QueryState
        query={query}
        loading="Loading failed refunds…"
        error="We could not load the failed refunds."
        isEmpty={nodes().length === 0}
        empty={<EmptyState title="No failed refunds." />}
      >
        <ul class="card list" aria-label="Failed refunds">
          <ForEachId each={nodes()}>{(node, id) => <FailedRefundRow id={id} booking={node()} onDone={onDone} />}</ForEachId>
        </ul>
      </QueryState>
    </section>
  );
}

function FailedRefundRow(props: { id: string; booking: FragmentType<typeof FailedRefundFragment>; onDone: (outcome: Outcome) => void }) {
  const booking = () => getFragmentData(FailedRefundFragment, props.booking);
  return (
    <li class="list-row">
      <div>
        <p>
          <A href={`/bookings/${encodeURIComponent(props.id)}`}>{booking().title}</A> · {booking().refund?.amount.formatted}
        </p>
        <p class="muted">
          <BookingParties booking={booking()} /> · {booking().refund?.failureReason}
        </p>
      </div>
      <RetryRefundButton bookingId={props.id} title={booking().title} onDone={props.onDone} />
    </li>
  );
}
