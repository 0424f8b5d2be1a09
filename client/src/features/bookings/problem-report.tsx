// The completion window on a booking's page: the mentee may report a problem with a completed
// session until the window ends (the mentor's earning is held meanwhile); both see the report
// and how our team resolved it.
import { Show, createSignal } from "solid-js";
import { createMutation } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";

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
  const [, report] = createMutation(ReportDocument);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get("reason") ?? "");
    setBusy(true);
    const data = (await report({ id: booking().id, reason }, { additionalTypenames: ["Booking"] })).data?.reportProblem;
    setBusy(false);
    setError(data?.__typename === "ReportProblemSuccess" ? undefined : errorMessage(data));
  };
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
        <form class="form" onSubmit={onSubmit} aria-label="Report a problem">
          <p class="muted">
            Did the session not happen, or go wrong? Tell us until {formatDateTime(booking().completionWindowEndsAt)}: the mentor is not
            paid until our team has looked at it.
          </p>
          <label>
            What went wrong? <textarea name="reason" required maxLength={2000} rows={3} />
          </label>
          <Show when={error()}>
            <p class="form-error" role="alert">
              {error()}
            </p>
          </Show>
          <button type="submit" class="button" disabled={busy()}>
            Report a problem
          </button>
        </form>
      </Show>
    </section>
  );
}
