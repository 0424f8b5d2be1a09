// Open problem reports: a mentee said a completed session went wrong, the mentor's earning is
// held. The admin releases it to the mentor, refunds the mentee in full, or refunds part.
import { For, Show, createSignal } from "solid-js";
import { createMutation, createQuery } from "@urql/solid";
import { graphql } from "../../gql";
import { OutcomeMessage, type Outcome } from "../../components/ui";
import type { ProblemResolution } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";

const OpenReportsDocument = graphql(`
  query OpenProblemReports {
    problemReports(first: 50) {
      totalCount
      edges {
        node {
          reason
          reportedAt
          disputed
          booking {
            id
            title
            price {
              amountCents
              formatted
            }
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

const ResolveDocument = graphql(`
  mutation ResolveProblemReport($id: ID!, $resolution: ProblemResolution!, $refundCents: Int, $note: String) {
    resolveProblemReport(id: $id, resolution: $resolution, refundCents: $refundCents, note: $note) {
      __typename
      ... on ResolveProblemReportSuccess {
        booking {
          id
          problemReport {
            status
            resolution
            refunded {
              formatted
            }
          }
        }
      }
      ...MutationError
    }
  }
`);

const WORDS: Record<ProblemResolution, string> = {
  RELEASE_TO_MENTOR: "Released to the mentor",
  REFUND_MENTEE: "Refunded in full",
  PARTIAL_REFUND: "Refunded in part",
};

export function ProblemReports() {
  const [reports, refetch] = createQuery({ query: OpenReportsDocument, context: { additionalTypenames: ["Booking"] } });
  const [, resolve] = createMutation(ResolveDocument);
  const [message, setMessage] = createSignal<Outcome>();

  const onResolve = async (id: string, resolution: ProblemResolution, form?: HTMLFormElement) => {
    const data = form ? new FormData(form) : undefined;
    const cents = String(data?.get("refundCents") ?? "").trim();
    const note = String(data?.get("note") ?? "").trim();
    const result = await resolve({
      id,
      resolution,
      refundCents: resolution === "PARTIAL_REFUND" && cents ? Number(cents) : null,
      note: note || null,
    });
    const outcome = result.data?.resolveProblemReport;
    setMessage(
      outcome?.__typename === "ResolveProblemReportSuccess"
        ? {
            error: false,
            text: `${WORDS[outcome.booking.problemReport?.resolution ?? resolution]}${
              outcome.booking.problemReport?.refunded ? ` (${outcome.booking.problemReport.refunded.formatted} refunded)` : ""
            }.`,
          }
        : { error: true, text: errorMessage(outcome) },
    );
    refetch({ requestPolicy: "network-only" });
  };

  return (
    <section class="page" aria-label="Problem reports">
      <h2>Problem reports</h2>
      <p class="lede">Mentees who said a completed session went wrong. The mentor's earning is held until you decide.</p>
      <OutcomeMessage outcome={message()} />
      <ul class="card list" aria-label="Open problem reports">
        <For each={reports.data?.problemReports.edges ?? []} fallback={<li class="muted">No open problem reports.</li>}>
          {({ node }) => (
            <li class="list-row">
              <div>
                <p class="session-type-title">
                  {node.booking.title} · {node.booking.price.formatted}
                </p>
                <p class="muted">
                  {node.booking.mentee.name} with {node.booking.mentor.name} · reported {formatDateTime(node.reportedAt)}
                </p>
                <blockquote>{node.reason}</blockquote>
                <Show when={node.disputed}>
                  <p class="form-error">A card dispute froze this earning: the dispute settles it.</p>
                </Show>
              </div>
              <form
                class="form"
                aria-label={`Resolve the report about ${node.booking.title}`}
                onSubmit={(event) => {
                  event.preventDefault();
                  void onResolve(node.booking.id, "PARTIAL_REFUND", event.currentTarget);
                }}
              >
                <label>
                  Note <input name="note" maxLength={2000} />
                </label>
                <button
                  type="button"
                  class="button"
                  onClick={(event) => onResolve(node.booking.id, "RELEASE_TO_MENTOR", event.currentTarget.form ?? undefined)}
                >
                  Release to mentor
                </button>
                <button
                  type="button"
                  class="button"
                  onClick={(event) => onResolve(node.booking.id, "REFUND_MENTEE", event.currentTarget.form ?? undefined)}
                >
                  Refund in full
                </button>
                <label>
                  Refund in cents (less than {node.booking.price.amountCents}){" "}
                  <input name="refundCents" inputMode="numeric" pattern="[0-9]*" required />
                </label>
                <button type="submit" class="button">
                  Refund part
                </button>
              </form>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
