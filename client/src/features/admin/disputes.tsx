// Open card disputes: the mentee's bank is deciding, the mentor's earning is frozen meanwhile.
// They are answered in Stripe's dashboard; Stripe's closing event settles the money here.
// Above them, the disputes a person must act on (Dispute.attention), in any status, each with
// what to do and a form to mark it handled (rows keyed by dispute id: a note typed into one stays
// with its dispute whatever the list does meanwhile).
import { Show, createSignal } from "solid-js";
import { createQuery } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { EmptyState, FormError, OutcomeMessage, SubmitButton, TextField, type Outcome } from "../../components/ui";
import { QueryState } from "../../components/query-state";
import { ForEachId } from "../../components/keyed";
import { createMutationForm, text } from "../../components/form";
import type { DisputeAttention } from "../../gql/graphql";
import { readResult } from "../../lib/mutation";
import { formatDateTime } from "../../lib/format";
import { BookingParties } from "./booking-parties";

const OpenDisputeFragment = graphql(`
  fragment OpenDisputeRow on Dispute {
    stripeDisputeId
    reason
    openedAt
    amount {
      formatted
    }
    frozen {
      formatted
    }
    owed {
      amountCents
      formatted
    }
    booking {
      id
      title
      ...BookingParties
    }
  }
`);

const AttentionFragment = graphql(`
  fragment DisputeAttentionRow on Dispute {
    stripeDisputeId
    status
    attention
    amount {
      formatted
    }
    booking {
      id
      title
    }
  }
`);

const OpenDisputesDocument = graphql(`
  query OpenDisputes {
    disputes(status: OPEN, first: 50) {
      totalCount
      edges {
        node {
          id
          ...OpenDisputeRow
        }
      }
    }
  }
`);

const DisputesNeedingAttentionDocument = graphql(`
  query DisputesNeedingAttention {
    disputes(needsAttention: true, first: 50) {
      edges {
        node {
          id
          ...DisputeAttentionRow
        }
      }
    }
  }
`);

const MarkHandledDocument = graphql(`
  mutation MarkDisputeHandled($id: ID!, $note: String!) {
    markDisputeHandled(id: $id, note: $note) {
      __typename
      ... on MarkDisputeHandledSuccess {
        dispute {
          id
          attention
        }
      }
      ...MutationError
    }
  }
`);

/** What each flag asks of an admin, in plain words. */
const WHAT_TO_DO: Record<DisputeAttention, string> = {
  NOT_THIS_CHARGE: "It does not match the booking's charge, so no money moved: check the charge in Stripe's dashboard.",
  CLOSE_NOT_RECORDED:
    "Stripe closed it, but the ledger could not record the outcome: reconcile the ledger with Stripe (npm run reconcile).",
  LOSS_NOT_RECOVERED:
    "Lost on a booking with no earning to recover it from: the platform bore the loss; decide about the booking. Cancelling it covers the loss from its held payment (the mentee's bank already returned the money, so nothing is refunded); completing it recovers the loss from the earning and fee. Either clears this.",
};

const CONTEXT = { additionalTypenames: ["Dispute"] };

export function OpenDisputes() {
  const disputesQuery = createQuery({ query: OpenDisputesDocument, context: CONTEXT });
  const attentionQuery = createQuery({ query: DisputesNeedingAttentionDocument, context: CONTEXT });
  const [message, setMessage] = createSignal<Outcome>();
  const open = () => disputesQuery[0].data?.disputes.edges.map((edge) => edge.node) ?? [];
  const attention = () => attentionQuery[0].data?.disputes.edges.map((edge) => edge.node) ?? [];
  const onHandled = (text: string) => {
    setMessage({ text });
    attentionQuery[1]({ requestPolicy: "network-only" });
  };
  return (
    <section class="page" aria-label="Card disputes">
      <h2>Card disputes</h2>
      <OutcomeMessage outcome={message()} />
      <QueryState
        query={attentionQuery}
        loading="Loading disputes needing attention…"
        error="We could not load the disputes needing attention."
        isEmpty={attention().length === 0}
      >
        <ul class="card list" aria-label="Disputes needing attention">
          <ForEachId each={attention()}>{(node, id) => <AttentionRow id={id} dispute={node()} onHandled={onHandled} />}</ForEachId>
        </ul>
      </QueryState>
      <p class="lede">
        Open disputes of mentees' payments. The mentor's earning is frozen until the bank decides; answer each in Stripe's dashboard.
      </p>
      <QueryState
        query={disputesQuery}
        loading="Loading open disputes…"
        error="We could not load the open disputes."
        isEmpty={open().length === 0}
        empty={<EmptyState title="No open disputes." />}
      >
        <ul class="card list" aria-label="Open disputes">
          <ForEachId each={open()}>{(node) => <OpenDisputeRow dispute={node()} />}</ForEachId>
        </ul>
      </QueryState>
    </section>
  );
}

/** Keyed by dispute id: the note is sent for the dispute this row was drawn for. */
function AttentionRow(props: { id: string; dispute: FragmentType<typeof AttentionFragment>; onHandled: (text: string) => void }) {
  const dispute = () => getFragmentData(AttentionFragment, props.dispute);
  const form = createMutationForm(MarkHandledDocument, { labels: { note: "What was done" } });
  const submit = form.submit(
    async (values) => {
      const outcome = readResult(
        (await form.send({ id: props.id, note: text(values, "note") }))?.markDisputeHandled,
        "MarkDisputeHandledSuccess",
      );
      if (outcome.ok) props.onHandled(`${dispute().stripeDisputeId} is marked handled.`);
      return outcome;
    },
    (values): Record<string, string> => (text(values, "note") ? {} : { note: "Say what was done." }),
  );
  return (
    <li class="list-row">
      <div>
        <p class="session-type-title">
          Needs attention: {dispute().booking.title} · {dispute().amount.formatted} ({dispute().status.toLowerCase()}) ·{" "}
          {dispute().stripeDisputeId}
        </p>
        <p>{dispute().attention ? WHAT_TO_DO[dispute().attention!] : ""}</p>
      </div>
      <form class="form" onSubmit={submit} noValidate aria-label={`Mark ${dispute().stripeDisputeId} handled`}>
        <TextField id={`dispute-${props.id}-note`} label="What was done" error={form.fieldError("note")} name="note" maxLength={1000} />
        <FormError message={form.error()} />
        <SubmitButton busy={form.busy()} busyLabel="Saving…" label="Mark handled" />
      </form>
    </li>
  );
}

function OpenDisputeRow(props: { dispute: FragmentType<typeof OpenDisputeFragment> }) {
  const dispute = () => getFragmentData(OpenDisputeFragment, props.dispute);
  return (
    <li class="list-row">
      <div>
        <p class="session-type-title">
          {dispute().booking.title} · {dispute().amount.formatted} disputed ({dispute().reason.replaceAll("_", " ")})
        </p>
        <p class="muted">
          <BookingParties booking={dispute().booking} /> · opened {formatDateTime(dispute().openedAt)} · {dispute().stripeDisputeId}
        </p>
        <p>
          Earning frozen: {dispute().frozen.formatted}
          <Show when={dispute().owed.amountCents > 0}>
            {" "}
            (of which {dispute().owed.formatted} had been paid out and is owed by the mentor)
          </Show>
        </p>
      </div>
    </li>
  );
}
