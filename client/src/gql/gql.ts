/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          ...ViewerFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.LogInDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {\n    signUp(email: $email, password: $password, name: $name, role: $role) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          ...ViewerFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  subscription ViewerChanged {\n    viewerChanged {\n      kind\n    }\n  }\n": typeof types.ViewerChangedDocument,
    "\n  fragment ViewerFields on User {\n    id\n    name\n    email\n    role\n    mentorProfile {\n      approved\n      headline\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      ...ViewerFields\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation ConfirmBooking($id: ID!) {\n    confirmBooking(id: $id) {\n      __typename\n      ... on ConfirmBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ConfirmBookingDocument,
    "\n  mutation DeclineBooking($id: ID!, $reason: String) {\n    declineBooking(id: $id, reason: $reason) {\n      __typename\n      ... on DeclineBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeclineBookingDocument,
    "\n  mutation CompleteBooking($id: ID!) {\n    completeBooking(id: $id) {\n      __typename\n      ... on CompleteBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.CompleteBookingDocument,
    "\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) {\n      __typename\n      ... on CancelBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.CancelBookingDocument,
    "\n  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {\n    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {\n      __typename\n      ... on AddBookingLinksSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.AddBookingLinksDocument,
    "\n  query Bookings($filter: BookingsFilter, $first: Int!) {\n    bookings(filter: $filter, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          ...BookingFields\n        }\n      }\n    }\n  }\n": typeof types.BookingsDocument,
    "\n  fragment BookingFields on Booking {\n    id\n    status\n    title\n    durationMinutes\n    message\n    createdAt\n    updatedAt\n    paidAt\n    respondBy\n    confirmedAt\n    declinedAt\n    declineReason\n    completedAt\n    checkoutUrl\n    viewerCan\n    price {\n      amountCents\n      currency\n      formatted\n    }\n    mentee {\n      id\n      name\n    }\n    mentor {\n      id\n      name\n      mentorProfile {\n        headline\n      }\n    }\n    sessionType {\n      id\n      title\n    }\n    refund {\n      status\n      reason\n      amount {\n        amountCents\n        currency\n        formatted\n      }\n      createdAt\n      succeededAt\n    }\n    session {\n      availabilityLink\n      meetingLink\n      linksAddedAt\n      completedAt\n    }\n    history {\n      sequence\n      fromStatus\n      toStatus\n      createdAt\n      actorKind\n      note\n      actor {\n        id\n        name\n      }\n    }\n  }\n": typeof types.BookingFieldsFragmentDoc,
    "\n  subscription BookingChanged {\n    bookingChanged {\n      ...BookingFields\n    }\n  }\n": typeof types.BookingChangedDocument,
    "\n  query BookingCounts {\n    pending: bookings(status: PENDING, first: 1) {\n      totalCount\n    }\n    confirmed: bookings(status: CONFIRMED, first: 1) {\n      totalCount\n    }\n    completed: bookings(status: COMPLETED, first: 1) {\n      totalCount\n    }\n    declined: bookings(status: DECLINED, first: 1) {\n      totalCount\n    }\n    all: bookings(first: 1) {\n      totalCount\n    }\n  }\n": typeof types.BookingCountsDocument,
    "\n  fragment MoneyFields on Money {\n    amountCents\n    currency\n    formatted\n  }\n": typeof types.MoneyFieldsFragmentDoc,
    "\n  fragment StripeConnectionFields on StripeConnection {\n    status\n    payoutsEnabled\n    requirementsDue\n    disabledReason\n  }\n": typeof types.StripeConnectionFieldsFragmentDoc,
    "\n  fragment PayoutFields on Payout {\n    id\n    status\n    amount {\n      ...MoneyFields\n    }\n    createdAt\n    paidAt\n    failedAt\n    failureReason\n  }\n": typeof types.PayoutFieldsFragmentDoc,
    "\n  fragment PayoutPage on EarningsPayoutsConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        ...PayoutFields\n      }\n    }\n  }\n": typeof types.PayoutPageFragmentDoc,
    "\n  query MorePayouts($first: Int!, $after: String) {\n    earnings {\n      payouts(first: $first, after: $after) {\n        ...PayoutPage\n      }\n    }\n  }\n": typeof types.MorePayoutsDocument,
    "\n  mutation ConnectStripeAccount {\n    connectStripeAccount {\n      __typename\n      ... on ConnectStripeAccountSuccess {\n        url\n        stripe {\n          ...StripeConnectionFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ConnectStripeAccountDocument,
    "\n  mutation RequestBooking($sessionTypeId: ID!, $message: String) {\n    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {\n      __typename\n      ... on RequestBookingPayload {\n        checkoutUrl\n        booking {\n          id\n          status\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.RequestBookingDocument,
    "\n  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {\n    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on CreateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n          durationMinutes\n          active\n          price {\n            formatted\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.CreateSessionTypeDocument,
    "\n  fragment SessionTypeFields on SessionType {\n    id\n    title\n    durationMinutes\n    active\n    price {\n      formatted\n    }\n  }\n": typeof types.SessionTypeFieldsFragmentDoc,
    "\n  fragment MutationError on Error {\n    __typename\n    code\n    ... on ValidationError {\n      field\n      rule\n    }\n  }\n": typeof types.MutationErrorFragmentDoc,
    "\n  query MentorsAwaitingApproval {\n    mentorsAwaitingApproval {\n      id\n      name\n      email\n      createdAt\n      mentorProfile {\n        headline\n        approved\n      }\n    }\n  }\n": typeof types.MentorsAwaitingApprovalDocument,
    "\n  mutation ApproveMentor($userId: ID!) {\n    approveMentor(userId: $userId) {\n      __typename\n      ... on ApproveMentorSuccess {\n        mentor {\n          id\n          name\n          mentorProfile {\n            approved\n            approvedAt\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ApproveMentorDocument,
    "\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      ...BookingFields\n    }\n  }\n": typeof types.BookingDocument,
    "\n  query Earnings($payoutsFirst: Int!) {\n    earnings {\n      balance {\n        ...MoneyFields\n      }\n      totalEarned {\n        ...MoneyFields\n      }\n      pending {\n        ...MoneyFields\n      }\n      pendingBookings\n      paidOut {\n        ...MoneyFields\n      }\n      minimumPayout {\n        ...MoneyFields\n      }\n      stripe {\n        ...StripeConnectionFields\n      }\n      monthly(months: 12) {\n        month\n        earned {\n          ...MoneyFields\n        }\n        paidOut {\n          ...MoneyFields\n        }\n      }\n      payouts(first: $payoutsFirst) {\n        ...PayoutPage\n      }\n    }\n  }\n": typeof types.EarningsDocument,
    "\n  query Mentors($first: Int!, $after: String) {\n    mentors(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          mentorProfile {\n            headline\n          }\n          sessionTypes {\n            ...SessionTypeFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.MentorsDocument,
    "\n  query MySessionTypes {\n    viewer {\n      id\n      sessionTypes {\n        ...SessionTypeFields\n      }\n    }\n  }\n": typeof types.MySessionTypesDocument,
    "\n  mutation ArchiveSessionType($id: ID!) {\n    archiveSessionType(id: $id) {\n      __typename\n      ... on ArchiveSessionTypeSuccess {\n        sessionType {\n          id\n          active\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ArchiveSessionTypeDocument,
    "\n  mutation LogOut {\n    logOut {\n      __typename\n    }\n  }\n": typeof types.LogOutDocument,
};
const documents: Documents = {
    "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          ...ViewerFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.LogInDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {\n    signUp(email: $email, password: $password, name: $name, role: $role) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          ...ViewerFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.SignUpDocument,
    "\n  subscription ViewerChanged {\n    viewerChanged {\n      kind\n    }\n  }\n": types.ViewerChangedDocument,
    "\n  fragment ViewerFields on User {\n    id\n    name\n    email\n    role\n    mentorProfile {\n      approved\n      headline\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      ...ViewerFields\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation ConfirmBooking($id: ID!) {\n    confirmBooking(id: $id) {\n      __typename\n      ... on ConfirmBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.ConfirmBookingDocument,
    "\n  mutation DeclineBooking($id: ID!, $reason: String) {\n    declineBooking(id: $id, reason: $reason) {\n      __typename\n      ... on DeclineBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.DeclineBookingDocument,
    "\n  mutation CompleteBooking($id: ID!) {\n    completeBooking(id: $id) {\n      __typename\n      ... on CompleteBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.CompleteBookingDocument,
    "\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) {\n      __typename\n      ... on CancelBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.CancelBookingDocument,
    "\n  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {\n    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {\n      __typename\n      ... on AddBookingLinksSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.AddBookingLinksDocument,
    "\n  query Bookings($filter: BookingsFilter, $first: Int!) {\n    bookings(filter: $filter, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          ...BookingFields\n        }\n      }\n    }\n  }\n": types.BookingsDocument,
    "\n  fragment BookingFields on Booking {\n    id\n    status\n    title\n    durationMinutes\n    message\n    createdAt\n    updatedAt\n    paidAt\n    respondBy\n    confirmedAt\n    declinedAt\n    declineReason\n    completedAt\n    checkoutUrl\n    viewerCan\n    price {\n      amountCents\n      currency\n      formatted\n    }\n    mentee {\n      id\n      name\n    }\n    mentor {\n      id\n      name\n      mentorProfile {\n        headline\n      }\n    }\n    sessionType {\n      id\n      title\n    }\n    refund {\n      status\n      reason\n      amount {\n        amountCents\n        currency\n        formatted\n      }\n      createdAt\n      succeededAt\n    }\n    session {\n      availabilityLink\n      meetingLink\n      linksAddedAt\n      completedAt\n    }\n    history {\n      sequence\n      fromStatus\n      toStatus\n      createdAt\n      actorKind\n      note\n      actor {\n        id\n        name\n      }\n    }\n  }\n": types.BookingFieldsFragmentDoc,
    "\n  subscription BookingChanged {\n    bookingChanged {\n      ...BookingFields\n    }\n  }\n": types.BookingChangedDocument,
    "\n  query BookingCounts {\n    pending: bookings(status: PENDING, first: 1) {\n      totalCount\n    }\n    confirmed: bookings(status: CONFIRMED, first: 1) {\n      totalCount\n    }\n    completed: bookings(status: COMPLETED, first: 1) {\n      totalCount\n    }\n    declined: bookings(status: DECLINED, first: 1) {\n      totalCount\n    }\n    all: bookings(first: 1) {\n      totalCount\n    }\n  }\n": types.BookingCountsDocument,
    "\n  fragment MoneyFields on Money {\n    amountCents\n    currency\n    formatted\n  }\n": types.MoneyFieldsFragmentDoc,
    "\n  fragment StripeConnectionFields on StripeConnection {\n    status\n    payoutsEnabled\n    requirementsDue\n    disabledReason\n  }\n": types.StripeConnectionFieldsFragmentDoc,
    "\n  fragment PayoutFields on Payout {\n    id\n    status\n    amount {\n      ...MoneyFields\n    }\n    createdAt\n    paidAt\n    failedAt\n    failureReason\n  }\n": types.PayoutFieldsFragmentDoc,
    "\n  fragment PayoutPage on EarningsPayoutsConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        ...PayoutFields\n      }\n    }\n  }\n": types.PayoutPageFragmentDoc,
    "\n  query MorePayouts($first: Int!, $after: String) {\n    earnings {\n      payouts(first: $first, after: $after) {\n        ...PayoutPage\n      }\n    }\n  }\n": types.MorePayoutsDocument,
    "\n  mutation ConnectStripeAccount {\n    connectStripeAccount {\n      __typename\n      ... on ConnectStripeAccountSuccess {\n        url\n        stripe {\n          ...StripeConnectionFields\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.ConnectStripeAccountDocument,
    "\n  mutation RequestBooking($sessionTypeId: ID!, $message: String) {\n    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {\n      __typename\n      ... on RequestBookingPayload {\n        checkoutUrl\n        booking {\n          id\n          status\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.RequestBookingDocument,
    "\n  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {\n    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on CreateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n          durationMinutes\n          active\n          price {\n            formatted\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.CreateSessionTypeDocument,
    "\n  fragment SessionTypeFields on SessionType {\n    id\n    title\n    durationMinutes\n    active\n    price {\n      formatted\n    }\n  }\n": types.SessionTypeFieldsFragmentDoc,
    "\n  fragment MutationError on Error {\n    __typename\n    code\n    ... on ValidationError {\n      field\n      rule\n    }\n  }\n": types.MutationErrorFragmentDoc,
    "\n  query MentorsAwaitingApproval {\n    mentorsAwaitingApproval {\n      id\n      name\n      email\n      createdAt\n      mentorProfile {\n        headline\n        approved\n      }\n    }\n  }\n": types.MentorsAwaitingApprovalDocument,
    "\n  mutation ApproveMentor($userId: ID!) {\n    approveMentor(userId: $userId) {\n      __typename\n      ... on ApproveMentorSuccess {\n        mentor {\n          id\n          name\n          mentorProfile {\n            approved\n            approvedAt\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.ApproveMentorDocument,
    "\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      ...BookingFields\n    }\n  }\n": types.BookingDocument,
    "\n  query Earnings($payoutsFirst: Int!) {\n    earnings {\n      balance {\n        ...MoneyFields\n      }\n      totalEarned {\n        ...MoneyFields\n      }\n      pending {\n        ...MoneyFields\n      }\n      pendingBookings\n      paidOut {\n        ...MoneyFields\n      }\n      minimumPayout {\n        ...MoneyFields\n      }\n      stripe {\n        ...StripeConnectionFields\n      }\n      monthly(months: 12) {\n        month\n        earned {\n          ...MoneyFields\n        }\n        paidOut {\n          ...MoneyFields\n        }\n      }\n      payouts(first: $payoutsFirst) {\n        ...PayoutPage\n      }\n    }\n  }\n": types.EarningsDocument,
    "\n  query Mentors($first: Int!, $after: String) {\n    mentors(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          mentorProfile {\n            headline\n          }\n          sessionTypes {\n            ...SessionTypeFields\n          }\n        }\n      }\n    }\n  }\n": types.MentorsDocument,
    "\n  query MySessionTypes {\n    viewer {\n      id\n      sessionTypes {\n        ...SessionTypeFields\n      }\n    }\n  }\n": types.MySessionTypesDocument,
    "\n  mutation ArchiveSessionType($id: ID!) {\n    archiveSessionType(id: $id) {\n      __typename\n      ... on ArchiveSessionTypeSuccess {\n        sessionType {\n          id\n          active\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.ArchiveSessionTypeDocument,
    "\n  mutation LogOut {\n    logOut {\n      __typename\n    }\n  }\n": types.LogOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          ...ViewerFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          ...ViewerFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {\n    signUp(email: $email, password: $password, name: $name, role: $role) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          ...ViewerFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {\n    signUp(email: $email, password: $password, name: $name, role: $role) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          ...ViewerFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ViewerChanged {\n    viewerChanged {\n      kind\n    }\n  }\n"): (typeof documents)["\n  subscription ViewerChanged {\n    viewerChanged {\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerFields on User {\n    id\n    name\n    email\n    role\n    mentorProfile {\n      approved\n      headline\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerFields on User {\n    id\n    name\n    email\n    role\n    mentorProfile {\n      approved\n      headline\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmBooking($id: ID!) {\n    confirmBooking(id: $id) {\n      __typename\n      ... on ConfirmBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmBooking($id: ID!) {\n    confirmBooking(id: $id) {\n      __typename\n      ... on ConfirmBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineBooking($id: ID!, $reason: String) {\n    declineBooking(id: $id, reason: $reason) {\n      __typename\n      ... on DeclineBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineBooking($id: ID!, $reason: String) {\n    declineBooking(id: $id, reason: $reason) {\n      __typename\n      ... on DeclineBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteBooking($id: ID!) {\n    completeBooking(id: $id) {\n      __typename\n      ... on CompleteBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteBooking($id: ID!) {\n    completeBooking(id: $id) {\n      __typename\n      ... on CompleteBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) {\n      __typename\n      ... on CancelBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) {\n      __typename\n      ... on CancelBookingSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {\n    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {\n      __typename\n      ... on AddBookingLinksSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {\n    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {\n      __typename\n      ... on AddBookingLinksSuccess {\n        booking {\n          ...BookingFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bookings($filter: BookingsFilter, $first: Int!) {\n    bookings(filter: $filter, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          ...BookingFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Bookings($filter: BookingsFilter, $first: Int!) {\n    bookings(filter: $filter, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          ...BookingFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookingFields on Booking {\n    id\n    status\n    title\n    durationMinutes\n    message\n    createdAt\n    updatedAt\n    paidAt\n    respondBy\n    confirmedAt\n    declinedAt\n    declineReason\n    completedAt\n    checkoutUrl\n    viewerCan\n    price {\n      amountCents\n      currency\n      formatted\n    }\n    mentee {\n      id\n      name\n    }\n    mentor {\n      id\n      name\n      mentorProfile {\n        headline\n      }\n    }\n    sessionType {\n      id\n      title\n    }\n    refund {\n      status\n      reason\n      amount {\n        amountCents\n        currency\n        formatted\n      }\n      createdAt\n      succeededAt\n    }\n    session {\n      availabilityLink\n      meetingLink\n      linksAddedAt\n      completedAt\n    }\n    history {\n      sequence\n      fromStatus\n      toStatus\n      createdAt\n      actorKind\n      note\n      actor {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BookingFields on Booking {\n    id\n    status\n    title\n    durationMinutes\n    message\n    createdAt\n    updatedAt\n    paidAt\n    respondBy\n    confirmedAt\n    declinedAt\n    declineReason\n    completedAt\n    checkoutUrl\n    viewerCan\n    price {\n      amountCents\n      currency\n      formatted\n    }\n    mentee {\n      id\n      name\n    }\n    mentor {\n      id\n      name\n      mentorProfile {\n        headline\n      }\n    }\n    sessionType {\n      id\n      title\n    }\n    refund {\n      status\n      reason\n      amount {\n        amountCents\n        currency\n        formatted\n      }\n      createdAt\n      succeededAt\n    }\n    session {\n      availabilityLink\n      meetingLink\n      linksAddedAt\n      completedAt\n    }\n    history {\n      sequence\n      fromStatus\n      toStatus\n      createdAt\n      actorKind\n      note\n      actor {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BookingChanged {\n    bookingChanged {\n      ...BookingFields\n    }\n  }\n"): (typeof documents)["\n  subscription BookingChanged {\n    bookingChanged {\n      ...BookingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingCounts {\n    pending: bookings(status: PENDING, first: 1) {\n      totalCount\n    }\n    confirmed: bookings(status: CONFIRMED, first: 1) {\n      totalCount\n    }\n    completed: bookings(status: COMPLETED, first: 1) {\n      totalCount\n    }\n    declined: bookings(status: DECLINED, first: 1) {\n      totalCount\n    }\n    all: bookings(first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query BookingCounts {\n    pending: bookings(status: PENDING, first: 1) {\n      totalCount\n    }\n    confirmed: bookings(status: CONFIRMED, first: 1) {\n      totalCount\n    }\n    completed: bookings(status: COMPLETED, first: 1) {\n      totalCount\n    }\n    declined: bookings(status: DECLINED, first: 1) {\n      totalCount\n    }\n    all: bookings(first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MoneyFields on Money {\n    amountCents\n    currency\n    formatted\n  }\n"): (typeof documents)["\n  fragment MoneyFields on Money {\n    amountCents\n    currency\n    formatted\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StripeConnectionFields on StripeConnection {\n    status\n    payoutsEnabled\n    requirementsDue\n    disabledReason\n  }\n"): (typeof documents)["\n  fragment StripeConnectionFields on StripeConnection {\n    status\n    payoutsEnabled\n    requirementsDue\n    disabledReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PayoutFields on Payout {\n    id\n    status\n    amount {\n      ...MoneyFields\n    }\n    createdAt\n    paidAt\n    failedAt\n    failureReason\n  }\n"): (typeof documents)["\n  fragment PayoutFields on Payout {\n    id\n    status\n    amount {\n      ...MoneyFields\n    }\n    createdAt\n    paidAt\n    failedAt\n    failureReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PayoutPage on EarningsPayoutsConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        ...PayoutFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PayoutPage on EarningsPayoutsConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        ...PayoutFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MorePayouts($first: Int!, $after: String) {\n    earnings {\n      payouts(first: $first, after: $after) {\n        ...PayoutPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query MorePayouts($first: Int!, $after: String) {\n    earnings {\n      payouts(first: $first, after: $after) {\n        ...PayoutPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectStripeAccount {\n    connectStripeAccount {\n      __typename\n      ... on ConnectStripeAccountSuccess {\n        url\n        stripe {\n          ...StripeConnectionFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ConnectStripeAccount {\n    connectStripeAccount {\n      __typename\n      ... on ConnectStripeAccountSuccess {\n        url\n        stripe {\n          ...StripeConnectionFields\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestBooking($sessionTypeId: ID!, $message: String) {\n    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {\n      __typename\n      ... on RequestBookingPayload {\n        checkoutUrl\n        booking {\n          id\n          status\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation RequestBooking($sessionTypeId: ID!, $message: String) {\n    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {\n      __typename\n      ... on RequestBookingPayload {\n        checkoutUrl\n        booking {\n          id\n          status\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {\n    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on CreateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n          durationMinutes\n          active\n          price {\n            formatted\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {\n    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on CreateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n          durationMinutes\n          active\n          price {\n            formatted\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionTypeFields on SessionType {\n    id\n    title\n    durationMinutes\n    active\n    price {\n      formatted\n    }\n  }\n"): (typeof documents)["\n  fragment SessionTypeFields on SessionType {\n    id\n    title\n    durationMinutes\n    active\n    price {\n      formatted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MutationError on Error {\n    __typename\n    code\n    ... on ValidationError {\n      field\n      rule\n    }\n  }\n"): (typeof documents)["\n  fragment MutationError on Error {\n    __typename\n    code\n    ... on ValidationError {\n      field\n      rule\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MentorsAwaitingApproval {\n    mentorsAwaitingApproval {\n      id\n      name\n      email\n      createdAt\n      mentorProfile {\n        headline\n        approved\n      }\n    }\n  }\n"): (typeof documents)["\n  query MentorsAwaitingApproval {\n    mentorsAwaitingApproval {\n      id\n      name\n      email\n      createdAt\n      mentorProfile {\n        headline\n        approved\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveMentor($userId: ID!) {\n    approveMentor(userId: $userId) {\n      __typename\n      ... on ApproveMentorSuccess {\n        mentor {\n          id\n          name\n          mentorProfile {\n            approved\n            approvedAt\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveMentor($userId: ID!) {\n    approveMentor(userId: $userId) {\n      __typename\n      ... on ApproveMentorSuccess {\n        mentor {\n          id\n          name\n          mentorProfile {\n            approved\n            approvedAt\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      ...BookingFields\n    }\n  }\n"): (typeof documents)["\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      ...BookingFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Earnings($payoutsFirst: Int!) {\n    earnings {\n      balance {\n        ...MoneyFields\n      }\n      totalEarned {\n        ...MoneyFields\n      }\n      pending {\n        ...MoneyFields\n      }\n      pendingBookings\n      paidOut {\n        ...MoneyFields\n      }\n      minimumPayout {\n        ...MoneyFields\n      }\n      stripe {\n        ...StripeConnectionFields\n      }\n      monthly(months: 12) {\n        month\n        earned {\n          ...MoneyFields\n        }\n        paidOut {\n          ...MoneyFields\n        }\n      }\n      payouts(first: $payoutsFirst) {\n        ...PayoutPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Earnings($payoutsFirst: Int!) {\n    earnings {\n      balance {\n        ...MoneyFields\n      }\n      totalEarned {\n        ...MoneyFields\n      }\n      pending {\n        ...MoneyFields\n      }\n      pendingBookings\n      paidOut {\n        ...MoneyFields\n      }\n      minimumPayout {\n        ...MoneyFields\n      }\n      stripe {\n        ...StripeConnectionFields\n      }\n      monthly(months: 12) {\n        month\n        earned {\n          ...MoneyFields\n        }\n        paidOut {\n          ...MoneyFields\n        }\n      }\n      payouts(first: $payoutsFirst) {\n        ...PayoutPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Mentors($first: Int!, $after: String) {\n    mentors(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          mentorProfile {\n            headline\n          }\n          sessionTypes {\n            ...SessionTypeFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Mentors($first: Int!, $after: String) {\n    mentors(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          mentorProfile {\n            headline\n          }\n          sessionTypes {\n            ...SessionTypeFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessionTypes {\n    viewer {\n      id\n      sessionTypes {\n        ...SessionTypeFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query MySessionTypes {\n    viewer {\n      id\n      sessionTypes {\n        ...SessionTypeFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveSessionType($id: ID!) {\n    archiveSessionType(id: $id) {\n      __typename\n      ... on ArchiveSessionTypeSuccess {\n        sessionType {\n          id\n          active\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveSessionType($id: ID!) {\n    archiveSessionType(id: $id) {\n      __typename\n      ... on ArchiveSessionTypeSuccess {\n        sessionType {\n          id\n          active\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogOut {\n    logOut {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation LogOut {\n    logOut {\n      __typename\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;