// What the Earnings components read, selected once: the route's query and the mutation that
// returns a fresh StripeConnection spread the same fragments.
import { graphql } from "../../gql";

graphql(`
  fragment MoneyFields on Money {
    amountCents
    currency
    formatted
  }
`);

graphql(`
  fragment StripeConnectionFields on StripeConnection {
    status
    payoutsEnabled
    requirementsDue
    disabledReason
  }
`);

graphql(`
  fragment PayoutFields on Payout {
    id
    status
    amount {
      ...MoneyFields
    }
    createdAt
    paidAt
    failedAt
    failureReason
  }
`);

graphql(`
  fragment PayoutPage on EarningsPayoutsConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...PayoutFields
      }
    }
  }
`);

/**
 * Earnings change when a booking of the mentor's changes (completed: balance; confirmed:
 * pending). The one bookingChanged subscription invalidates every query with this typename.
 */
export const EARNINGS_CONTEXT = { additionalTypenames: ["Booking", "Payout"] };
