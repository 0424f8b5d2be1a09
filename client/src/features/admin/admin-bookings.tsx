// Every booking, for admins (an admin's `bookings` lists them all), newest first, a page at a
// time, filtered by status. Each title opens the booking's page, where the admin acts on it;
// each mentor's name opens the mentor's ledger. Rows are keyed by booking id.
import { Show, createSignal } from "solid-js";
import { A } from "@solidjs/router";
import { createQuery } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { BookingStatus } from "../../gql/graphql";
import { EmptyState, StatusBadge } from "../../components/ui";
import { QueryState } from "../../components/query-state";
import { ForEachId } from "../../components/keyed";
import { STATUS_LABEL, formatDateTime } from "../../lib/format";
import { BOOKING_CONTEXT } from "../bookings/live";
import { BookingParties } from "./booking-parties";

const AdminBookingRowFragment = graphql(`
  fragment AdminBookingRow on Booking {
    id
    title
    status
    createdAt
    price {
      formatted
    }
    refund {
      status
    }
    ...BookingParties
  }
`);

const AdminBookingsDocument = graphql(`
  query AdminBookings($status: [BookingStatus!], $first: Int!, $after: String) {
    bookings(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...AdminBookingRow
        }
      }
    }
  }
`);

const PAGE = 20;
const STATUSES = Object.keys(STATUS_LABEL) as BookingStatus[];

export function AdminBookings() {
  const [status, setStatus] = createSignal<BookingStatus | "">("");
  // The cursor each page starts after: the first page starts at the newest booking.
  const [cursors, setCursors] = createSignal<(string | null)[]>([null]);
  const query = createQuery({
    query: AdminBookingsDocument,
    variables: () => ({ status: status() ? [status() as BookingStatus] : null, first: PAGE, after: cursors().at(-1) ?? null }),
    context: BOOKING_CONTEXT,
  });
  const [result] = query;
  const page = () => result.data?.bookings;
  const nodes = () => page()?.edges.map((edge) => edge.node) ?? [];
  const next = () => {
    const end = page()?.pageInfo.endCursor;
    if (end) setCursors((list) => [...list, end]);
  };
  return (
    <section class="page" aria-labelledby="admin-bookings-heading">
      <h2 id="admin-bookings-heading">Bookings</h2>
      <div class="field filter">
        <label for="admin-bookings-status">Status</label>
        <select
          id="admin-bookings-status"
          onChange={(event) => {
            setStatus(event.currentTarget.value as BookingStatus | "");
            setCursors([null]);
          }}
        >
          <option value="">All statuses</option>
          {STATUSES.map((value) => (
            <option value={value}>{STATUS_LABEL[value]}</option>
          ))}
        </select>
      </div>
      <QueryState
        query={query}
        loading="Loading bookings…"
        error="We could not load the bookings."
        isEmpty={nodes().length === 0 && cursors().length === 1}
        empty={<EmptyState title="No bookings match." />}
      >
        <div class="table-scroll">
          <table class="table" aria-busy={result.fetching}>
            <caption class="visually-hidden">
              Bookings{status() ? `: ${STATUS_LABEL[status() as BookingStatus]}` : ""}, page {cursors().length}
            </caption>
            <thead>
              <tr>
                <th scope="col">Booking</th>
                <th scope="col">Mentee with mentor</th>
                <th scope="col">Status</th>
                <th scope="col">Price</th>
                <th scope="col">Booked</th>
              </tr>
            </thead>
            <tbody>
              <ForEachId each={nodes()}>{(node, id) => <AdminBookingRow id={id} booking={node()} />}</ForEachId>
            </tbody>
          </table>
        </div>
        <nav class="actions pager" aria-label="Bookings pages">
          <p class="muted">
            Page {cursors().length} · {page()?.totalCount ?? 0} bookings
          </p>
          <Show when={cursors().length > 1}>
            <button type="button" class="button button-secondary" onClick={() => setCursors((list) => list.slice(0, -1))}>
              Previous page
            </button>
          </Show>
          <Show when={page()?.pageInfo.hasNextPage}>
            <button type="button" class="button button-secondary" onClick={next}>
              Next page
            </button>
          </Show>
        </nav>
      </QueryState>
    </section>
  );
}

function AdminBookingRow(props: { id: string; booking: FragmentType<typeof AdminBookingRowFragment> }) {
  const booking = () => getFragmentData(AdminBookingRowFragment, props.booking);
  return (
    <tr data-booking-id={props.id}>
      <th scope="row">
        <A href={`/bookings/${encodeURIComponent(props.id)}`}>{booking().title}</A>
      </th>
      <td>
        <BookingParties booking={booking()} />
      </td>
      <td>
        <StatusBadge status={booking().status} />
        <Show when={booking().refund?.status === "FAILED"}>
          <span class="form-error"> refund failed</span>
        </Show>
      </td>
      <td>{booking().price.formatted}</td>
      <td>
        <time datetime={booking().createdAt}>{formatDateTime(booking().createdAt)}</time>
      </td>
    </tr>
  );
}
