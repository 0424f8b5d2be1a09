// Approved mentors and their session types; mentees book from here.
import { For, Match, Show, Switch, createSignal } from "solid-js";
import { A } from "@solidjs/router";
import { createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { useViewer } from "../features/auth/viewer";
import { BookForm } from "../features/mentors/book-form";
import { EmptyState, ErrorNotice, Spinner } from "../components/ui";

const MentorsDocument = graphql(`
  query Mentors($first: Int!) {
    mentors(first: $first) {
      edges {
        node {
          id
          name
          mentorProfile {
            headline
          }
          sessionTypes {
            id
            title
            durationMinutes
            active
            price {
              formatted
            }
          }
        }
      }
    }
  }
`);

export default function Mentors() {
  const { viewer } = useViewer();
  const [result, refetch] = createQuery({ query: MentorsDocument, variables: { first: 50 } });
  const [open, setOpen] = createSignal<string | null>(null);
  const mentors = () => result.data?.mentors.edges.map((edge) => edge.node) ?? [];
  return (
    <section class="page">
      <div class="page-head">
        <h1>Find a mentor</h1>
        <p class="lede">Pick a session, tell your mentor what you want to work on, and pay securely.</p>
      </div>
      <Switch>
        <Match when={!result.data && result.fetching}>
          <Spinner label="Loading mentors…" />
        </Match>
        <Match when={!result.data && result.error}>
          <ErrorNotice message="We could not load the mentors." retry={() => refetch({ requestPolicy: "network-only" })} />
        </Match>
        <Match when={result.data && mentors().length === 0}>
          <EmptyState title="No mentors are available yet." />
        </Match>
        <Match when={result.data}>
          <ul class="mentor-grid" aria-label="Mentors">
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
        </Match>
      </Switch>
    </section>
  );
}
