// A live list of the viewer's bookings, filtered by status (and, for the Upcoming views, by the
// session's start: soonest first), with "Show more".
import { Show, createSignal, onCleanup, type JSX } from "solid-js";
import { createQuery } from "@urql/solid";
import { graphql } from "../../gql";
import type { BookingStatus } from "../../gql/graphql";
import { EmptyState } from "../../components/ui";
import { BookingCard } from "./booking-card";
import { BOOKING_CONTEXT } from "./live";
import { QueryState } from "../../components/query-state";
import { ForEachId } from "../../components/keyed";

const BookingsDocument = graphql(`
  query Bookings($status: [BookingStatus!], $first: Int!, $startsAfter: DateTime, $startsBefore: DateTime) {
    bookings(status: $status, first: $first, startsAfter: $startsAfter, startsBefore: $startsBefore) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          id
          ...BookingCard
        }
      }
    }
  }
`);

const PAGE = 20;

export function BookingList(props: {
  statuses: BookingStatus[] | null;
  /** Only sessions starting in this range (ISO instants), soonest first. */
  starts?: { after: string; before: string } | undefined;
  perspective: "mentor" | "mentee";
  empty: JSX.Element;
  label: string;
}) {
  const [pages, setPages] = createSignal(1);
  const query = createQuery({
    query: BookingsDocument,
    variables: () => ({
      status: props.statuses,
      first: PAGE * pages(),
      startsAfter: props.starts?.after ?? null,
      startsBefore: props.starts?.before ?? null,
    }),
    context: BOOKING_CONTEXT,
  });
  const [result] = query;
  const edges = () => result.data?.bookings.edges ?? [];
  const nodes = () => edges().map((edge) => edge.node);
  return (
    <QueryState
      query={query}
      loading="Loading bookings…"
      error="We could not load your bookings."
      isEmpty={edges().length === 0}
      empty={props.empty}
    >
      <ul class="booking-list" aria-label={props.label} aria-busy={result.fetching}>
        {/* Keyed by booking id: a card, its open forms, typed text, pending buttons and
            errors stay with their booking whatever arrives, leaves or moves. */}
        <ForEachId each={nodes()}>
          {(node, id) => (
            <BookingItem id={id}>
              <BookingCard booking={node()} perspective={props.perspective} link />
            </BookingItem>
          )}
        </ForEachId>
      </ul>
      <Show when={result.data?.bookings.pageInfo.hasNextPage}>
        <button type="button" class="button button-secondary" onClick={() => setPages((n) => n + 1)}>
          Show more
        </button>
      </Show>
    </QueryState>
  );
}

/**
 * One list item. When its booking leaves the list (confirmed, declined, cancelled elsewhere)
 * while focus is inside it, focus moves to the next booking (or the previous one), not the page.
 */
function BookingItem(props: { id: string; children: JSX.Element }) {
  let item: HTMLLIElement | undefined;
  onCleanup(() => {
    if (!item?.contains(document.activeElement)) return;
    const list = item.parentElement;
    const next = item.nextElementSibling ?? item.previousElementSibling;
    queueMicrotask(() => {
      const target =
        (next?.isConnected ? next.querySelector<HTMLElement>(".booking-title") : null) ??
        list?.closest<HTMLElement>("section")?.querySelector<HTMLElement>("h1");
      if (target && (document.activeElement === document.body || !document.activeElement)) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
      }
    });
  });
  return (
    <li ref={item} data-booking-id={props.id}>
      {props.children}
    </li>
  );
}

export function NoBookings(props: { title: string; children?: JSX.Element }) {
  return <EmptyState title={props.title}>{props.children}</EmptyState>;
}
