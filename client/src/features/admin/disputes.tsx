// Open card disputes: the mentee's bank is deciding, the mentor's earning is frozen meanwhile.
// They are answered in Stripe's dashboard; Stripe's closing event settles the money here.
// Above them, the disputes a person must act on (Dispute.attention), in any status, each with
// what to do.
import { For, Show, createSignal } from "solid-js";
import { createMutation, createQuery } from "@urql/solid";
import { graphql } from "../../gql";
import { OutcomeMessage, type Outcome } from "../../components/ui";
import type { DisputeAttention } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";

const OpenDisputesDocument = graphql(`
  query OpenDisputes {
    disputes(status: OPEN, first: 50) {
      totalCount
      edges {
        node {
          id
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
            mentor {
              name
            }
            mentee {
              name
            }
          }
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
  LOSS_NOT_RECOVERED: "Lost on a booking with no earning to recover it from: the platform bore the loss; decide about the booking.",
};

export function OpenDisputes() {
  const context = { additionalTypenames: ["Dispute"] };
  const [disputes] = createQuery({ query: OpenDisputesDocument, context });
  const [attention, refetchAttention] = createQuery({ query: DisputesNeedingAttentionDocument, context });
  const [, markHandled] = createMutation(MarkHandledDocument);
  const [message, setMessage] = createSignal<Outcome>();
  const onHandled = async (id: string, stripeDisputeId: string, form: HTMLFormElement) => {
    const result = await markHandled({ id, note: String(new FormData(form).get("note") ?? "") });
    const outcome = result.data?.markDisputeHandled;
    setMessage(
      outcome?.__typename === "MarkDisputeHandledSuccess"
        ? { error: false, text: `${stripeDisputeId} is marked handled.` }
        : { error: true, text: errorMessage(outcome) },
    );
    refetchAttention({ requestPolicy: "network-only" });
  };
  return (
    <section class="page" aria-label="Card disputes">
      <h2>Card disputes</h2>
      <OutcomeMessage outcome={message()} />
      <Show when={(attention.data?.disputes.edges.length ?? 0) > 0}>
        <ul class="card list" aria-label="Disputes needing attention">
          <For each={attention.data?.disputes.edges ?? []}>
            {({ node }) => (
              <li class="list-row">
                <div>
                  <p class="session-type-title">
                    Needs attention: {node.booking.title} · {node.amount.formatted} ({node.status.toLowerCase()}) · {node.stripeDisputeId}
                  </p>
                  <p>{node.attention ? WHAT_TO_DO[node.attention] : ""}</p>
                </div>
                <form
                  class="form"
                  aria-label={`Mark ${node.stripeDisputeId} handled`}
                  onSubmit={(event) => {
                    event.preventDefault();
                    void onHandled(node.id, node.stripeDisputeId, event.currentTarget);
                  }}
                >
                  <label>
                    What was done <input name="note" maxLength={1000} required />
                  </label>
                  <button type="submit" class="button">
                    Mark handled
                  </button>
                </form>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="lede">
        Open disputes of mentees' payments. The mentor's earning is frozen until the bank decides; answer each in Stripe's dashboard.
      </p>
      <ul class="card list" aria-label="Open disputes">
        <For each={disputes.data?.disputes.edges ?? []} fallback={<li class="muted">No open disputes.</li>}>
          {({ node }) => (
            <li class="list-row">
              <div>
                <p class="session-type-title">
                  {node.booking.title} · {node.amount.formatted} disputed ({node.reason.replaceAll("_", " ")})
                </p>
                <p class="muted">
                  {node.booking.mentee.name} with {node.booking.mentor.name} · opened {formatDateTime(node.openedAt)} ·{" "}
                  {node.stripeDisputeId}
                </p>
                <p>
                  Earning frozen: {node.frozen.formatted}
                  {node.owed.amountCents > 0 ? ` (of which ${node.owed.formatted} had been paid out and is owed by the mentor)` : ""}
                </p>
              </div>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
