// One subscription per signed-in tab: every change to a booking the viewer is part of. The
// document cache refetches every query that shows bookings (additionalTypenames), so lists,
// counts and booking pages update without a reload, whoever made the change.
import { createEffect, on } from "solid-js";
import { createSubscription } from "@urql/solid";
import { graphql } from "../../gql";
import { BOOKING_CONTEXT } from "./fragments";

const BookingChangedDocument = graphql(`
  subscription BookingChanged {
    bookingChanged {
      ...BookingFields
    }
  }
`);

export function LiveBookings(props: { viewerId: string; onChange?: (text: string) => void }) {
  const [result] = createSubscription({ query: BookingChangedDocument, context: BOOKING_CONTEXT });
  createEffect(
    on(
      () => result.data?.bookingChanged,
      (booking) => {
        if (!booking || !props.onChange) return;
        const last = booking.history[booking.history.length - 1];
        // Announce what others did; our own actions already show their result.
        if (last?.actor?.id === props.viewerId) return;
        if (booking.mentor.id === props.viewerId && booking.status === "PENDING") {
          props.onChange(`New paid booking: ${booking.title} with ${booking.mentee.name}.`);
        } else if (booking.mentee.id === props.viewerId) {
          props.onChange(`Your booking “${booking.title}” was updated.`);
        }
      },
      { defer: true },
    ),
  );
  return null;
}

export const BookingCountsDocument = graphql(`
  query BookingCounts {
    pending: bookings(status: PENDING, first: 1) {
      totalCount
    }
    confirmed: bookings(status: CONFIRMED, first: 1) {
      totalCount
    }
    completed: bookings(status: COMPLETED, first: 1) {
      totalCount
    }
    declined: bookings(status: DECLINED, first: 1) {
      totalCount
    }
    all: bookings(first: 1) {
      totalCount
    }
  }
`);
