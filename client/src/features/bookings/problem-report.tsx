// The completion window on a booking's page: the mentee may report a problem with a completed
// session until the window ends (the mentor's earning is held meanwhile); both see the report
// and how our team resolved it.
import { Show } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { readResult } from "../../lib/mutation";
import { formatDateTime } from "../../lib/format";
import { Field, FormError, SubmitButton, describedBy } from "../../components/ui";
import { createMutationForm, text } from "../../components/form";

export const ProblemReportFragment = graphql(`
  fragment ProblemReportPanel on Booking {
    id
    completionWindowEndsAt
    viewerCanReportProblem
    problemReport {
      status
      reason
      reportedAt
      resolution
      refunded {
        formatted
      }
    }
  }
`);

const ReportDocument = graphql(`
  mutation ReportProblem($id: ID!, $reason: String!) {
    reportProblem(id: $id, reason: $reason) {
      __typename
      ... on ReportProblemSuccess {
        booking {
          id
          ...ProblemReportPanel
        }
      }
      ...MutationError
    }
  }
`);

const RESOLVED: Record<string, string> = {
  RELEASE_TO_MENTOR: "Our team looked at it and paid the mentor; there is no refund.",
  REFUND_MENTEE: "Our team looked at it and refunded the mentee in full.",
  PARTIAL_REFUND: "Our team looked at it and refunded part of the price",
};

export function ProblemReportPanel(props: { booking: FragmentType<typeof ProblemReportFragment>; perspective: "mentor" | "mentee" }) {
  const booking = () => getFragmentData(ProblemReportFragment, props.booking);
  // The booking this panel was drawn for: the report is sent for it, whatever arrives meanwhile.
  const bookingId = booking().id;
  const form = createMutationForm(ReportDocument, { labels: { reason: "What went wrong" } });
  const onSubmit = form.submit(
    async (values) =>
      readResult((await form.send({ id: bookingId, reason: text(values, "reason") }))?.reportProblem, "ReportProblemSuccess"),
    (values): Record<string, string> => (text(values, "reason") ? {} : { reason: "Say what went wrong." }),
  );
  const fieldId = `report-${bookingId}`;
  return (
    <section class="card problem-report" aria-label="Problem report" data-testid="problem-report">
      <Show when={booking().problemReport}>
        {(r) => (
          <>
            <p>
              <strong>Problem reported</strong> on {formatDateTime(r().reportedAt)}: “{r().reason}”
            </p>
            <p role="status">
              {r().status === "OPEN"
                ? props.perspective === "mentor"
                  ? "Your earning for this session is held until our team looks at it."
                  : "Our team will look at it and get back to you by email."
                : `${RESOLVED[r().resolution ?? ""] ?? "Resolved."}${r().resolution === "PARTIAL_REFUND" ? ` (${r().refunded?.formatted}).` : ""}`}
            </p>
          </>
        )}
      </Show>
      <Show when={props.perspective === "mentor" && booking().completionWindowEndsAt}>
        <p class="muted">Your earning for this session becomes available on {formatDateTime(booking().completionWindowEndsAt)}.</p>
      </Show>
      <Show when={booking().viewerCanReportProblem}>
        <form class="form" onSubmit={onSubmit} noValidate aria-label="Report a problem">
          <p class="muted">
            Did the session not happen, or go wrong? Tell us until {formatDateTime(booking().completionWindowEndsAt)}: the mentor is not
            paid until our team has looked at it.
          </p>
          <Field id={fieldId} label="What went wrong?" error={form.fieldError("reason")}>
            <textarea id={fieldId} name="reason" maxLength={2000} rows={3} {...describedBy(fieldId, form.fieldError("reason"))} />
          </Field>
          <FormError message={form.error()} />
          <SubmitButton busy={form.busy()} busyLabel="Reporting…" label="Report a problem" />
        </form>
      </Show>
    </section>
  );
}
