// Open card disputes: the mentee's bank is deciding, the mentor's earning is frozen meanwhile.
// They are answered in Stripe's dashboard; Stripe's closing event settles the money here.
import { For } from "solid-js";
import { createQuery } from "@urql/solid";
import { graphql } from "../../gql";
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

export function OpenDisputes() {
  const [disputes] = createQuery({ query: OpenDisputesDocument, context: { additionalTypenames: ["Dispute"] } });
  return (
    <section class="page" aria-label="Card disputes">
      <h2>Card disputes</h2>
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
