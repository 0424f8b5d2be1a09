// The mentor's session types: create new ones, edit or archive old ones.
import { Show } from "solid-js";
import { createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { forRoles } from "../features/auth/require-role";
import { CreateSessionTypeForm } from "../features/session-types/create-session-type";
import { readResult } from "../lib/mutation";
import { EmptyState } from "../components/ui";
import { MutationButton } from "../components/mutation-button";
import { ForEachId } from "../components/keyed";
import { QueryState } from "../components/query-state";
import { SessionTypeMeta } from "../features/session-types/session-type-meta";
import { EditSessionType } from "../features/session-types/edit-session-type";

const MySessionTypesDocument = graphql(`
  query MySessionTypes {
    viewer {
      id
      sessionTypes {
        id
        title
        active
        durationMinutes
        price {
          amountCents
        }
        ...SessionTypeMeta
      }
    }
  }
`);

const ArchiveDocument = graphql(`
  mutation ArchiveSessionType($id: ID!) {
    archiveSessionType(id: $id) {
      __typename
      ... on ArchiveSessionTypeSuccess {
        sessionType {
          id
          active
        }
      }
      ...MutationError
    }
  }
`);

const CONTEXT = { additionalTypenames: ["SessionType"] };

function SessionTypesView() {
  const query = createQuery({ query: MySessionTypesDocument, context: CONTEXT });
  const [result] = query;
  const types = () => result.data?.viewer?.sessionTypes ?? [];
  return (
    <section class="page">
      <div class="page-head">
        <h1>Session types</h1>
        <p class="lede">What mentees can book with you, and at what price.</p>
      </div>
      <div class="two-col">
        <div>
          <QueryState
            query={query}
            error="We could not load your session types."
            isEmpty={types().length === 0}
            empty={
              <EmptyState title="You offer no sessions yet.">
                <p>Create your first session type to become bookable.</p>
              </EmptyState>
            }
          >
            <ul class="card list" aria-label="Your session types">
              <ForEachId each={types()}>
                {(type, id) => (
                  <li class="list-row session-type-row" classList={{ archived: !type().active }}>
                    <div>
                      <p class="session-type-title">{type().title}</p>
                      <SessionTypeMeta sessionType={type()}>{type().active ? "" : " · archived"}</SessionTypeMeta>
                    </div>
                    <Show when={type().active}>
                      <EditSessionType
                        id={id}
                        current={type}
                        actions={
                          <MutationButton
                            class="button button-secondary"
                            document={ArchiveDocument}
                            variables={{ id }}
                            read={(data) => readResult(data?.archiveSessionType, "ArchiveSessionTypeSuccess")}
                            label="Archive"
                            busyLabel="Archiving…"
                            ariaLabel={`Archive ${type().title}`}
                          />
                        }
                      />
                    </Show>
                  </li>
                )}
              </ForEachId>
            </ul>
          </QueryState>
        </div>
        <CreateSessionTypeForm />
      </div>
    </section>
  );
}

export default forRoles(["MENTOR"], SessionTypesView);
