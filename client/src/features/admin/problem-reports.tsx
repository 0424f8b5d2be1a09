// Open problem reports: a mentee said a completed session went wrong, the mentor's earning is
// held. The admin releases it to the mentor, refunds the mentee in full, or refunds part. Rows
// are keyed by booking id: a note or amount typed into one stays with its booking whatever the
// list does meanwhile, and the resolution is sent for that booking.
import { For, Show, createSignal } from "solid-js";
import { createQuery } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { EmptyState, FormError, OutcomeMessage, SubmitButton, TextField, type Outcome } from "../../components/ui";
import { QueryState } from "../../components/query-state";
import { ForEachId } from "../../components/keyed";
import { createMutationForm, text } from "../../components/form";
import type { ProblemResolution } from "../../gql/graphql";
import { readResult } from "../../lib/mutation";
import { formatDateTime, parseDollars } from "../../lib/format";
import { BookingParties } from "./booking-parties";
const ReportRowFragment = graphql(`
  fragment ProblemReportRow on ProblemReport {
    reason
    reportedAt
    disputed
    booking {
      id
      title
      price {
        formatted
      }
      ...BookingParties
    }
  }
`);

const OpenReportsDocument = graphql(`
  query OpenProblemReports {
    problemReports(first: 50) {
      totalCount
      edges {
        node {
          booking {
            id
          }
          ...ProblemReportRow
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

/** The form's three answers, each a submit button sending its resolution. */
const ANSWERS: { resolution: ProblemResolution; label: string }[] = [
  { resolution: "RELEASE_TO_MENTOR", label: "Release to mentor" },
  { resolution: "REFUND_MENTEE", label: "Refund in full" },
  { resolution: "PARTIAL_REFUND", label: "Refund part" },
];

export function ProblemReports() {
  const query = createQuery({ query: OpenReportsDocument, context: { additionalTypenames: ["Booking"] } });
  const [reports, refetch] = query;
  const [message, setMessage] = createSignal<Outcome>();
  const nodes = () => reports.data?.problemReports.edges.map((edge) => edge.node) ?? [];
  const onResolved = (text: string) => {
    setMessage({ text });
    refetch({ requestPolicy: "network-only" });
  };

  return (
    <section class="page" aria-label="Problem reports">
      <h2>Problem reports</h2>
      <p class="lede">Mentees who said a completed session went wrong. The mentor's earning is held until you decide.</p>
      <OutcomeMessage outcome={message()} />
      <QueryState
        query={query}
        loading="Loading problem reports…"
        error="We could not load the problem reports."
        isEmpty={nodes().length === 0}
        empty={<EmptyState title="No open problem reports." />}
      >
        <ul class="card list" aria-label="Open problem reports">
          <ForEachId each={nodes()} key={(node) => node.booking.id}>
            {(node, bookingId) => <ReportRow bookingId={bookingId} report={node()} onResolved={onResolved} />}
          </ForEachId>
        </ul>
      </QueryState>
    </section>
  );
}

function ReportRow(props: { bookingId: string; report: FragmentType<typeof ReportRowFragment>; onResolved: (text: string) => void }) {
  const report = () => getFragmentData(ReportRowFragment, props.report);
  const form = createMutationForm(ResolveDocument, { labels: { refundCents: "Refund", note: "Note" } });
  const id = `report-${props.bookingId}`;
  const submit = form.submit(
    async (values) => {
      const resolution = values.get("resolution") as ProblemResolution;
      const note = text(values, "note");
      const data = await form.send({
        id: props.bookingId,
        resolution,
        refundCents: resolution === "PARTIAL_REFUND" ? parseDollars(text(values, "refundCents")) : null,
        note: note || null,
      });
      const outcome = readResult(data?.resolveProblemReport, "ResolveProblemReportSuccess");
      if (outcome.ok) {
        const report = outcome.value.booking.problemReport;
        props.onResolved(
          `${WORDS[report?.resolution ?? resolution]}${report?.refunded ? ` (${report.refunded.formatted} refunded)` : ""}.`,
        );
      }
      return outcome;
    },
    (values): Record<string, string> =>
      values.get("resolution") === "PARTIAL_REFUND" && parseDollars(text(values, "refundCents")) === null
        ? { refundCents: "Enter the refund in dollars, e.g. 20 or 12.50." }
        : {},
  );
  return (
    <li class="list-row">
      <div>
        <p class="session-type-title">
          {report().booking.title} · {report().booking.price.formatted}
        </p>
        <p class="muted">
          <BookingParties booking={report().booking} /> · reported {formatDateTime(report().reportedAt)}
        </p>
        <blockquote>{report().reason}</blockquote>
        <Show when={report().disputed}>
          <p class="form-error">A card dispute froze this earning: the dispute settles it.</p>
        </Show>
      </div>
      <form
        class="form"
        onSubmit={submit}
        noValidate
        aria-label={`Resolve the report about ${report().booking.title} (reported ${formatDateTime(report().reportedAt)})`}
      >
        <TextField id={`${id}-note`} label="Note" error={form.fieldError("note")} name="note" maxLength={2000} />
        <TextField
          id={`${id}-refund`}
          label={`Refund in part (USD, less than ${report().booking.price.formatted})`}
          error={form.fieldError("refundCents")}
          name="refundCents"
          inputMode="decimal"
        />
        <FormError message={form.error()} />
        <div class="actions">
          <For each={ANSWERS}>
            {(answer) => <SubmitButton busy={form.busy()} label={answer.label} name="resolution" value={answer.resolution} />}
          </For>
        </div>
      </form>
    </li>
  );
}
