// The client's own Bookings and Booking documents (client/src/gql), as tests that check how the
// server serves the client (limits, query plans, statements) run them. The schema's status
// filter is one argument, `bookings(status: [BookingStatus!])` (docs/schema-changes.md); a client
// document still written with the former `filter: { status }` input is mapped onto it here, and
// one already using `status` passes through unchanged.
import { print } from "graphql";
import { BookingDocument, BookingsDocument } from "../../client/src/gql/graphql.ts";

export function bookingsDocument(): string {
  return print(BookingsDocument)
    .replace("$filter: BookingsFilter", "$status: [BookingStatus!]")
    .replace("filter: $filter", "status: $status");
}

/** The booking page's document: `booking(id: $id)` with every fragment the page shows. */
export function bookingDocument(): string {
  return print(BookingDocument);
}
