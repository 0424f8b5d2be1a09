// A live list of the viewer's bookings, filtered by status, with "Show more".
import { For, Match, Show, Switch, createSignal, type JSX } from "solid-js";
import { createQuery } from "@urql/solid";
import { graphql } from "../../gql";
import type { BookingStatus } from "../../gql/graphql";
import { EmptyState, ErrorNotice, Spinner } from "../../components/ui";
import { BookingCard } from "./booking-card";
import { BOOKING_CONTEXT } from "./fragments";

const BookingsDocument = graphql(`
  query Bookings($filter: BookingsFilter, $first: Int!) {
    bookings(filter: $filter, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          ...BookingFields
        }
      }
    }
  }
`);

const PAGE = 20;

export function BookingList(props: {
  statuses: BookingStatus[] | null;
  perspective: "mentor" | "mentee";
  empty: JSX.Element;
  label: string;
}) {
  const [pages, setPages] = createSignal(1);
  const [result, refetch] = createQuery({
    query: BookingsDocument,
    variables: () => ({ filter: props.statuses ? { status: props.statuses } : null, first: PAGE * pages() }),
    context: BOOKING_CONTEXT,
  });
  const edges = () => result.data?.bookings.edges ?? [];
  return (
    <Switch>
      <Match when={!result.data && result.fetching}>
        <Spinner label="Loading bookings…" />
      </Match>
      <Match when={!result.data && result.error}>
        <ErrorNotice
          message="We could not load your bookings."
          retry={() => refetch({ requestPolicy: "network-only" })}
        />
      </Match>
      <Match when={result.data && edges().length === 0}>{props.empty}</Match>
      <Match when={result.data}>
        <ul class="booking-list" aria-label={props.label} aria-busy={result.fetching}>
          <For each={edges()}>
            {(edge) => (
              <li>
                <BookingCard booking={edge.node} perspective={props.perspective} link />
              </li>
            )}
          </For>
        </ul>
        <Show when={result.data?.bookings.pageInfo.hasNextPage}>
          <button type="button" class="button button-secondary" onClick={() => setPages((n) => n + 1)}>
            Show more
          </button>
        </Show>
      </Match>
    </Switch>
  );
}

export function NoBookings(props: { title: string; children?: JSX.Element }) {
  return <EmptyState title={props.title}>{props.children}</EmptyState>;
}
