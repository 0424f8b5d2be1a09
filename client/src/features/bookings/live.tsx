// One subscription per signed-in tab: every change to a booking the viewer is part of. The
// document cache refetches every query that shows bookings (additionalTypenames), so lists,
// counts and booking pages update without a reload, whoever made the change.
import { createSubscription } from "@urql/solid";
import { getFragmentData, graphql } from "../../gql";
import type { LiveBookingFragment as Changed } from "../../gql/graphql";
import { formatSessionTime } from "../../lib/format";

/** Every query that shows bookings also depends on bookings it does not list yet. */
export const BOOKING_CONTEXT = { additionalTypenames: ["Booking"] };

/** What the announcer reads to say what changed; the queries on screen refetch what they show. */
const LiveBookingFragment = graphql(`
  fragment LiveBooking on Booking {
    id
    status
    title
    paidAt
    startsAt
    mentor {
      id
      name
    }
    mentee {
      id
      name
    }
    session {
      meetingLink
    }
    refund {
      status
      amount {
        formatted
      }
    }
    history {
      toStatus
      createdAt
      actor {
        id
      }
    }
  }
`);

const BookingChangedDocument = graphql(`
  subscription BookingChanged {
    bookingChanged {
      ...LiveBooking
    }
  }
`);

/** What the mentee is told when someone else changed their booking, by its new status. */
const MENTEE_NEWS: Partial<Record<Changed["status"], (b: Changed) => string>> = {
  PENDING: (b) => `Payment received for “${b.title}”. ${b.mentor.name} has been notified.`,
  CONFIRMED: (b) => `${b.mentor.name} confirmed “${b.title}”.`,
  DECLINED: (b) => `${b.mentor.name} declined “${b.title}”; the hold on your card is released.`,
  COMPLETED: (b) => `${b.mentor.name} marked “${b.title}” complete.`,
  CANCELLED: (b) => `“${b.title}” was cancelled.`,
  EXPIRED: (b) => `“${b.title}” expired${b.paidAt ? "; the hold on your card is released" : ""}.`,
};

/** What changed between two versions of one booking, in the mentee's words; null if nothing to tell. */
function menteeNews(before: Changed | undefined, after: Changed, statusChanged: boolean, lastByViewer: boolean): string | null {
  if (!statusChanged) {
    if (after.session?.meetingLink && after.session.meetingLink !== before?.session?.meetingLink) {
      return before?.session?.meetingLink
        ? `${after.mentor.name} changed the links for “${after.title}”.`
        : `${after.mentor.name} added the links for “${after.title}”: pick a time and join from your booking.`;
    }
    if (after.startsAt && before && after.startsAt !== before.startsAt && !lastByViewer) {
      return `The time of “${after.title}” is now ${formatSessionTime(after.startsAt, null)}.`;
    }
    if (after.refund?.status === "SUCCEEDED" && before?.refund?.status !== "SUCCEEDED") {
      return `Your refund of ${after.refund.amount.formatted} for “${after.title}” is on its way.`;
    }
    return null;
  }
  return MENTEE_NEWS[after.status]?.(after) ?? null;
}

export function LiveBookings(props: { viewerId: string; onChange?: (text: string) => void }) {
  // The last version seen of each booking, to say what changed (not merely that something did).
  const seen = new Map<string, Changed>();
  createSubscription({ query: BookingChangedDocument, context: BOOKING_CONTEXT }, (_, data) => {
    const booking = getFragmentData(LiveBookingFragment, data.bookingChanged);
    const before = seen.get(booking.id);
    seen.set(booking.id, booking);
    const last = booking.history[booking.history.length - 1];
    // Not seen before in this tab: a status change is one whose history entry is fresh.
    const statusChanged = before
      ? before.status !== booking.status
      : Boolean(last && last.toStatus === booking.status && Date.now() - Date.parse(last.createdAt) < 10_000);
    const byViewer = last?.actor?.id === props.viewerId && statusChanged;
    // Announce what others did; our own actions already show their result.
    if (props.onChange && !byViewer) {
      if (booking.mentor.id === props.viewerId) {
        if (booking.status === "PENDING" && statusChanged) {
          props.onChange(`New paid booking: ${booking.title} with ${booking.mentee.name}.`);
        }
      } else if (booking.mentee.id === props.viewerId) {
        const news = menteeNews(before, booking, statusChanged, last?.actor?.id === props.viewerId);
        if (news) props.onChange(news);
      }
    }
    return data;
  });
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
