import { graphql } from "../../gql";

graphql(`
  fragment BookingFields on Booking {
    id
    status
    title
    durationMinutes
    message
    createdAt
    updatedAt
    paidAt
    respondBy
    confirmedAt
    declinedAt
    declineReason
    completedAt
    checkoutUrl
    viewerCan
    price {
      amountCents
      currency
      formatted
    }
    mentee {
      id
      name
    }
    mentor {
      id
      name
      mentorProfile {
        headline
      }
    }
    sessionType {
      id
      title
    }
    refund {
      status
      reason
      amount {
        amountCents
        currency
        formatted
      }
      createdAt
      succeededAt
    }
    session {
      availabilityLink
      meetingLink
      linksAddedAt
      completedAt
    }
    history {
      sequence
      fromStatus
      toStatus
      createdAt
      actorKind
      note
      actor {
        id
        name
      }
    }
  }
`);

/** Every query that shows bookings also depends on bookings it does not list yet. */
export const BOOKING_CONTEXT = { additionalTypenames: ["Booking"] };
