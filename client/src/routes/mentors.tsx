// Approved mentors and their session types; mentees book from here.
import { For, Index, Match, Show, Switch, createSignal } from "solid-js";
import { A } from "@solidjs/router";
import { createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { useViewer } from "../features/auth/viewer";
import { BookForm } from "../features/mentors/book-form";
import { ReliabilityLine } from "../features/mentors/reliability";
import { EmptyState } from "../components/ui";
import { QueryState } from "../components/query-state";

const MentorsDocument = graphql(`
  query Mentors($first: Int!, $after: String) {
    mentors(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          mentorProfile {
            headline
            reliability {
              ...ReliabilityFigures
            }
          }
          sessionTypes {
            id
            title
            active
            durationMinutes
            price {
              formatted
            }
          }
        }
      }
    }
  }
`);

const PAGE = 50;

export default function Mentors() {
  // Pages of 50, each its own query from the previous page's end cursor; "Show more mentors"
  // adds the next page.
  const [after, setAfter] = createSignal<(string | null)[]>([null]);
  return (
    <section class="page">
      <div class="page-head">
        <h1>Find a mentor</h1>
        <p class="lede">Pick a session, tell your mentor what you want to work on, and pay securely.</p>
      </div>
      <Index each={after()}>
        {(cursor, index) => (
          <MentorPage
            after={cursor()}
            first={index === 0}
            onMore={index === after().length - 1 ? (next) => setAfter((list) => [...list, next]) : undefined}
          />
        )}
      </Index>
    </section>
  );
}

function MentorPage(props: { after: string | null; first: boolean; onMore?: (cursor: string) => void }) {
  const { viewer } = useViewer();
  const query = createQuery({ query: MentorsDocument, variables: () => ({ first: PAGE, after: props.after }) });
  const [result] = query;
  const [open, setOpen] = createSignal<string | null>(null);
  const mentors = () => result.data?.mentors.edges.map((edge) => edge.node) ?? [];
  return (
    <QueryState
      query={query}
      loading="Loading mentors…"
      error="We could not load the mentors."
      isEmpty={props.first && mentors().length === 0}
      empty={<EmptyState title="No mentors are available yet." />}
    >
      <ul class="mentor-grid" aria-label={props.first ? "Mentors" : "More mentors"}>
        <For each={mentors()}>
          {(mentor) => (
            <li class="card mentor" aria-labelledby={`mentor-${mentor.id}`}>
              <div class="mentor-head">
                <span class="avatar" aria-hidden="true">
                  {mentor.name.slice(0, 1).toUpperCase()}
                </span>
                <div>
                  <h2 id={`mentor-${mentor.id}`}>{mentor.name}</h2>
                  <Show when={mentor.mentorProfile?.headline}>
                    <p class="muted">{mentor.mentorProfile!.headline}</p>
                  </Show>
                  <ReliabilityLine figures={mentor.mentorProfile?.reliability} />
                </div>
              </div>
              <ul class="session-types">
                <For each={mentor.sessionTypes.filter((type) => type.active)} fallback={<li class="muted">No sessions offered yet.</li>}>
                  {(type) => (
                    <li class="session-type">
                      <div class="session-type-row">
                        <div>
                          <p class="session-type-title">{type.title}</p>
                          <p class="muted">
                            {type.durationMinutes} min · <span class="price">{type.price.formatted}</span>
                          </p>
                        </div>
                        <Switch>
                          <Match when={!viewer()}>
                            <A class="button button-secondary" href="/sign-up?role=MENTEE&next=/mentors">
                              Sign up to book
                            </A>
                          </Match>
                          <Match when={viewer()?.role === "MENTEE" && open() !== type.id}>
                            <button
                              type="button"
                              class="button"
                              aria-label={`Book ${type.title} with ${mentor.name}`}
                              onClick={() => setOpen(type.id)}
                            >
                              Book
                            </button>
                          </Match>
                        </Switch>
                      </div>
                      <Show when={open() === type.id}>
                        <BookForm
                          sessionTypeId={type.id}
                          mentorName={mentor.name}
                          price={type.price.formatted}
                          onCancel={() => setOpen(null)}
                        />
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.onMore && result.data?.mentors.pageInfo.hasNextPage && result.data.mentors.pageInfo.endCursor}>
        {(cursor) => (
          <p>
            <button type="button" class="button button-secondary" onClick={() => props.onMore?.(cursor())}>
              Show more mentors
            </button>
          </p>
        )}
      </Show>
    </QueryState>
  );
}
