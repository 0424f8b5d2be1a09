// Admins approve mentors who signed up; approved mentors become listed and bookable.
import { For, Show, createSignal } from "solid-js";
import { createMutation, createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { RequireRole } from "../features/auth/require-role";
import { errorMessage } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { EmptyState } from "../components/ui";
import { QueryState } from "../components/query-state";

const AwaitingDocument = graphql(`
  query MentorsAwaitingApproval {
    mentorsAwaitingApproval {
      id
      name
      email
      createdAt
      mentorProfile {
        headline
        approved
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
          mentorProfile {
            approved
            approvedAt
          }
        }
      }
      ...MutationError
    }
  }
`);

const CONTEXT = { additionalTypenames: ["User"] };

export default function Admin() {
  return (
    <RequireRole roles={["ADMIN"]}>
      <Approvals />
    </RequireRole>
  );
}

function Approvals() {
  const [result, refetch] = createQuery({ query: AwaitingDocument, context: CONTEXT });
  const [state, approve] = createMutation(ApproveDocument);
  const [message, setMessage] = createSignal<{ error: boolean; text: string }>();
  const mentors = () => result.data?.mentorsAwaitingApproval ?? [];
  const onApprove = async (id: string, name: string) => {
    setMessage();
    const res = await approve({ userId: id });
    const data = res.data?.approveMentor;
    if (data?.__typename === "ApproveMentorSuccess") setMessage({ error: false, text: `${name} is approved and now bookable.` });
    else setMessage({ error: true, text: errorMessage(data) });
  };
  return (
    <section class="page">
      <div class="page-head">
        <h1>Approve mentors</h1>
        <p class="lede">Mentors who signed up appear here. Approved mentors are listed and bookable.</p>
      </div>
      <Show when={message()}>
        {(m) => (
          <p class={m().error ? "form-error" : "saved"} role={m().error ? "alert" : "status"}>
            {m().text}
          </p>
        )}
      </Show>
      <QueryState
        result={result}
        error="We could not load mentors awaiting approval."
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={mentors().length === 0}
        empty={<EmptyState title="No mentors are waiting for approval." />}
      >
        <ul class="card list" aria-label="Mentors awaiting approval">
          <For each={mentors()}>
            {(mentor) => (
              <li class="list-row">
                <div>
                  <p class="session-type-title">{mentor.name}</p>
                  <p class="muted">
                    {mentor.email} · signed up {formatDateTime(mentor.createdAt)}
                  </p>
                  <Show when={mentor.mentorProfile?.headline}>
                    <p>{mentor.mentorProfile!.headline}</p>
                  </Show>
                </div>
                <button
                  type="button"
                  class="button"
                  disabled={state.fetching}
                  aria-label={`Approve ${mentor.name}`}
                  onClick={() => onApprove(mentor.id, mentor.name)}
                >
                  Approve
                </button>
              </li>
            )}
          </For>
        </ul>
      </QueryState>
    </section>
  );
}
