// Admins approve mentors who signed up (approved mentors become listed and bookable), list every
// booking (each opens the booking's page, where an admin cancels it with a refund, retries its
// failed refund and reads its audit history; the mentor's name opens the mentor's ledger), and
// handle problem reports, card disputes and failed refunds.
import { Show, createSignal } from "solid-js";
import { createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { forRoles } from "../features/auth/require-role";
import { readResult } from "../lib/mutation";
import { formatDateTime } from "../lib/format";
import { EmptyState } from "../components/ui";
import { QueryState } from "../components/query-state";
import { MutationButton } from "../components/mutation-button";
import { ForEachId } from "../components/keyed";
import { FailedRefunds } from "../features/admin/failed-refunds";
import { AdminBookings } from "../features/admin/admin-bookings";
import { ProblemReports } from "../features/admin/problem-reports";
import { OpenDisputes } from "../features/admin/disputes";

const AwaitingDocument = graphql(`
  query MentorsAwaitingApproval {
    mentorsAwaitingApproval(first: 50) {
      edges {
        node {
          id
          name
          email
          createdAt
          mentorProfile {
            headline
          }
        }
      }
    }
  }
`);

const ApproveDocument = graphql(`
  mutation ApproveMentor($userId: ID!) {
    approveMentor(userId: $userId) {
      __typename
      ... on ApproveMentorSuccess {
        mentor {
          id
          name
        }
      }
      ...MutationError
    }
  }
`);

const CONTEXT = { additionalTypenames: ["User"] };

function Approvals() {
  const query = createQuery({ query: AwaitingDocument, context: CONTEXT });
  const [result] = query;
  const [approved, setApproved] = createSignal<string>();
  const mentors = () => result.data?.mentorsAwaitingApproval.edges.map((edge) => edge.node) ?? [];
  return (
    <section class="page" aria-labelledby="approvals-heading">
      <h2 id="approvals-heading">Approve mentors</h2>
      <p class="lede">Mentors who signed up appear here. Approved mentors are listed and bookable.</p>
      <Show when={approved()}>
        <p class="saved" role="status">
          {approved()}
        </p>
      </Show>
      <QueryState
        query={query}
        error="We could not load mentors awaiting approval."
        isEmpty={mentors().length === 0}
        empty={<EmptyState title="No mentors are waiting for approval." />}
      >
        <ul class="card list" aria-label="Mentors awaiting approval">
          <ForEachId each={mentors()}>
            {(mentor, userId) => (
              <li class="list-row">
                <div>
                  <p class="session-type-title">{mentor().name}</p>
                  <p class="muted">
                    {mentor().email} · signed up {formatDateTime(mentor().createdAt)}
                  </p>
                  <Show when={mentor().mentorProfile?.headline}>{(headline) => <p>{headline()}</p>}</Show>
                </div>
                <MutationButton
                  document={ApproveDocument}
                  variables={{ userId }}
                  read={(data) => readResult(data?.approveMentor, "ApproveMentorSuccess")}
                  onDone={(value) => setApproved(`${value.mentor.name} is approved and now bookable.`)}
                  label="Approve"
                  busyLabel="Approving…"
                  ariaLabel={`Approve ${mentor().name}`}
                />
              </li>
            )}
          </ForEachId>
        </ul>
      </QueryState>
    </section>
  );
}

function AdminPage() {
  return (
    <>
      <div class="page-head">
        <h1>Admin</h1>
        <p class="lede">Approve mentors, open any booking to act on it, and settle problem reports, disputes and failed refunds.</p>
      </div>
      <Approvals />
      <AdminBookings />
      <ProblemReports />
      <OpenDisputes />
      <FailedRefunds />
    </>
  );
}

export default forRoles(["ADMIN"], AdminPage);
