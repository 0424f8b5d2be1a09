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
    "\n  fragment AdminBookingRow on Booking {\n    id\n    title\n    status\n    createdAt\n    price {\n      formatted\n    }\n    refund {\n      status\n    }\n    ...BookingParties\n  }\n": typeof types.AdminBookingRowFragmentDoc,
    "\n  query AdminBookings($status: [BookingStatus!], $first: Int!, $after: String) {\n    bookings(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AdminBookingRow\n        }\n      }\n    }\n  }\n": typeof types.AdminBookingsDocument,
    "\n  fragment BookingAdminPanel on Booking {\n    id\n    title\n    status\n    payment\n    price {\n      formatted\n    }\n    refund {\n      status\n      failureReason\n      amount {\n        formatted\n      }\n    }\n    adminHistory {\n      id\n      kind\n      note\n      createdAt\n      amount {\n        formatted\n      }\n      admin {\n        name\n      }\n    }\n    ...BookingParties\n  }\n": typeof types.BookingAdminPanelFragmentDoc,
    "\n  mutation AdminCancelBooking($id: ID!, $reason: String!, $refundCents: Int) {\n    adminCancelBooking(id: $id, reason: $reason, refundCents: $refundCents) {\n      __typename\n      ... on AdminCancelBookingSuccess {\n        booking {\n          id\n          status\n          payment\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.AdminCancelBookingDocument,
    "\n  fragment BookingParties on Booking {\n    mentee {\n      name\n    }\n    mentor {\n      id\n      name\n    }\n  }\n": typeof types.BookingPartiesFragmentDoc,
    "\n  fragment OpenDisputeRow on Dispute {\n    stripeDisputeId\n    reason\n    openedAt\n    amount {\n      formatted\n    }\n    frozen {\n      formatted\n    }\n    owed {\n      amountCents\n      formatted\n    }\n    booking {\n      id\n      title\n      ...BookingParties\n    }\n  }\n": typeof types.OpenDisputeRowFragmentDoc,
    "\n  fragment DisputeAttentionRow on Dispute {\n    stripeDisputeId\n    status\n    attention\n    amount {\n      formatted\n    }\n    booking {\n      id\n      title\n    }\n  }\n": typeof types.DisputeAttentionRowFragmentDoc,
    "\n  query OpenDisputes {\n    disputes(status: OPEN, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          ...OpenDisputeRow\n        }\n      }\n    }\n  }\n": typeof types.OpenDisputesDocument,
    "\n  query DisputesNeedingAttention {\n    disputes(needsAttention: true, first: 50) {\n      edges {\n        node {\n          id\n          ...DisputeAttentionRow\n        }\n      }\n    }\n  }\n": typeof types.DisputesNeedingAttentionDocument,
    "\n  mutation MarkDisputeHandled($id: ID!, $note: String!) {\n    markDisputeHandled(id: $id, note: $note) {\n      __typename\n      ... on MarkDisputeHandledSuccess {\n        dispute {\n          id\n          attention\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.MarkDisputeHandledDocument,
    "\n  fragment FailedRefundRow on Booking {\n    id\n    title\n    refund {\n      failureReason\n      amount {\n        formatted\n      }\n    }\n    ...BookingParties\n  }\n": typeof types.FailedRefundRowFragmentDoc,
    "\n  query FailedRefunds {\n    bookings(refundStatus: FAILED, first: 50) {\n      edges {\n        node {\n          id\n          ...FailedRefundRow\n        }\n      }\n    }\n  }\n": typeof types.FailedRefundsDocument,
    "\n  mutation RetryRefund($id: ID!) {\n    retryRefund(id: $id) {\n      __typename\n      ... on RetryRefundSuccess {\n        booking {\n          id\n          refund {\n            status\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.RetryRefundDocument,
    "\n  fragment ProblemReportRow on ProblemReport {\n    reason\n    reportedAt\n    disputed\n    booking {\n      id\n      title\n      price {\n        formatted\n      }\n      ...BookingParties\n    }\n  }\n": typeof types.ProblemReportRowFragmentDoc,
    "\n  query OpenProblemReports {\n    problemReports(first: 50) {\n      totalCount\n      edges {\n        node {\n          booking {\n            id\n          }\n          ...ProblemReportRow\n        }\n      }\n    }\n  }\n": typeof types.OpenProblemReportsDocument,
    "\n  mutation ResolveProblemReport($id: ID!, $resolution: ProblemResolution!, $refundCents: Int, $note: String) {\n    resolveProblemReport(id: $id, resolution: $resolution, refundCents: $refundCents, note: $note) {\n      __typename\n      ... on ResolveProblemReportSuccess {\n        booking {\n          id\n          problemReport {\n            status\n            resolution\n            refunded {\n              formatted\n            }\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ResolveProblemReportDocument,
    "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      __typename\n      ... on LogInSuccess {\n        token\n        user {\n          role\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.LogInDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {\n    signUp(email: $email, password: $password, name: $name, role: $role) {\n      __typename\n      ... on SignUpSuccess {\n        token\n        user {\n          role\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  subscription ViewerChanged {\n    viewerChanged {\n      kind\n    }\n  }\n": typeof types.ViewerChangedDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      role\n      mentorProfile {\n        approved\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment BookingActions on Booking {\n    id\n    status\n    viewerCan\n    checkoutUrl\n    title\n    price {\n      formatted\n    }\n    mentor {\n      name\n    }\n    mentee {\n      name\n    }\n    cancellation {\n      outcome\n      fullRefundUntil\n      refund {\n        amountCents\n        formatted\n      }\n    }\n    ...DeclineForm\n    ...LinksForm\n    ...ScheduleForm\n  }\n": typeof types.BookingActionsFragmentDoc,
    "\n  fragment ScheduleForm on Booking {\n    id\n    startsAt\n    durationMinutes\n  }\n": typeof types.ScheduleFormFragmentDoc,
    "\n  fragment DeclineForm on Booking {\n    id\n    title\n    price {\n      formatted\n    }\n    mentee {\n      name\n    }\n  }\n": typeof types.DeclineFormFragmentDoc,
    "\n  fragment LinksForm on Booking {\n    id\n    session {\n      availabilityLink\n      meetingLink\n    }\n  }\n": typeof types.LinksFormFragmentDoc,
    "\n  fragment BookingCard on Booking {\n    id\n    status\n    title\n    durationMinutes\n    message\n    createdAt\n    respondBy\n    startsAt\n    endsAt\n    payment\n    declineReason\n    price {\n      formatted\n    }\n    mentee {\n      name\n    }\n    mentor {\n      name\n    }\n    refund {\n      ...RefundState\n    }\n    chargedBack {\n      formatted\n    }\n    session {\n      ...SessionLinks\n    }\n    history {\n      ...BookingHistory\n    }\n    ...BookingActions\n  }\n": typeof types.BookingCardFragmentDoc,
    "\n  fragment SessionLinks on Session {\n    availabilityLink\n    meetingLink\n  }\n": typeof types.SessionLinksFragmentDoc,
    "\n  fragment BookingHistory on BookingEvent {\n    sequence\n    toStatus\n    createdAt\n    actorKind\n    note\n    actor {\n      name\n    }\n  }\n": typeof types.BookingHistoryFragmentDoc,
    "\n  query Bookings($status: [BookingStatus!], $first: Int!, $startsAfter: DateTime, $startsBefore: DateTime) {\n    bookings(status: $status, first: $first, startsAfter: $startsAfter, startsBefore: $startsBefore) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          ...BookingCard\n        }\n      }\n    }\n  }\n": typeof types.BookingsDocument,
    "\n  fragment LiveBooking on Booking {\n    id\n    status\n    title\n    paidAt\n    startsAt\n    mentor {\n      id\n      name\n    }\n    mentee {\n      id\n      name\n    }\n    session {\n      meetingLink\n    }\n    refund {\n      status\n      amount {\n        formatted\n      }\n    }\n    history {\n      toStatus\n      createdAt\n      actor {\n        id\n      }\n    }\n  }\n": typeof types.LiveBookingFragmentDoc,
    "\n  subscription BookingChanged {\n    bookingChanged {\n      ...LiveBooking\n    }\n  }\n": typeof types.BookingChangedDocument,
    "\n  query BookingCounts {\n    pending: bookings(status: PENDING, first: 1) {\n      totalCount\n    }\n    confirmed: bookings(status: CONFIRMED, first: 1) {\n      totalCount\n    }\n    completed: bookings(status: COMPLETED, first: 1) {\n      totalCount\n    }\n    declined: bookings(status: DECLINED, first: 1) {\n      totalCount\n    }\n    all: bookings(first: 1) {\n      totalCount\n    }\n  }\n": typeof types.BookingCountsDocument,
    "\n  fragment ProblemReportPanel on Booking {\n    id\n    completionWindowEndsAt\n    viewerCanReportProblem\n    problemReport {\n      status\n      reason\n      reportedAt\n      resolution\n      refunded {\n        formatted\n      }\n    }\n  }\n": typeof types.ProblemReportPanelFragmentDoc,
    "\n  mutation ReportProblem($id: ID!, $reason: String!) {\n    reportProblem(id: $id, reason: $reason) {\n      __typename\n      ... on ReportProblemSuccess {\n        booking {\n          id\n          ...ProblemReportPanel\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ReportProblemDocument,
    "\n  fragment RefundState on Refund {\n    status\n    reason\n    amount {\n      formatted\n    }\n    succeededAt\n  }\n": typeof types.RefundStateFragmentDoc,
    "\n  fragment TransitionedBooking on Booking {\n    id\n    status\n    viewerCan\n    startsAt\n    endsAt\n  }\n": typeof types.TransitionedBookingFragmentDoc,
    "\n  mutation ConfirmBooking($id: ID!) {\n    confirmBooking(id: $id) { __typename ... on ConfirmBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n": typeof types.ConfirmBookingDocument,
    "\n  mutation DeclineBooking($id: ID!, $reason: String) {\n    declineBooking(id: $id, reason: $reason) { __typename ... on DeclineBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n": typeof types.DeclineBookingDocument,
    "\n  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {\n    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {\n      __typename ... on AddBookingLinksSuccess { booking { ...TransitionedBooking } } ...MutationError\n    }\n  }\n": typeof types.AddBookingLinksDocument,
    "\n  mutation ScheduleSession($id: ID!, $startsAt: DateTime!) {\n    scheduleSession(id: $id, startsAt: $startsAt) {\n      __typename ... on ScheduleSessionSuccess { booking { ...TransitionedBooking } } ...MutationError\n    }\n  }\n": typeof types.ScheduleSessionDocument,
    "\n  mutation CompleteBooking($id: ID!) {\n    completeBooking(id: $id) { __typename ... on CompleteBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n": typeof types.CompleteBookingDocument,
    "\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n": typeof types.CancelBookingDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    partner\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n": typeof types.ApiKeyRowFragmentDoc,
    "\n  query DeveloperApiKeys {\n    apiKeys(first: 50) {\n      edges {\n        node {\n          id\n          ...ApiKeyRow\n        }\n      }\n    }\n  }\n": typeof types.DeveloperApiKeysDocument,
    "\n  mutation DeveloperCreateApiKey($name: String!, $scopes: [ApiScope!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      __typename\n      ... on CreateApiKeySuccess {\n        secret\n        apiKey {\n          id\n          ...ApiKeyRow\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeveloperCreateApiKeyDocument,
    "\n  mutation DeveloperRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on RevokeApiKeySuccess {\n        apiKey {\n          id\n          ...ApiKeyRow\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeveloperRevokeApiKeyDocument,
    "\n  fragment PartnerAppRow on PartnerApp {\n    id\n    name\n    granted\n    grantedAt\n  }\n": typeof types.PartnerAppRowFragmentDoc,
    "\n  query DeveloperPartnerApps {\n    partnerApps {\n      id\n      ...PartnerAppRow\n    }\n  }\n": typeof types.DeveloperPartnerAppsDocument,
    "\n  mutation DeveloperGrantPartnerAccess($partnerAppId: ID!) {\n    grantPartnerAccess(partnerAppId: $partnerAppId) {\n      __typename\n      ... on GrantPartnerAccessSuccess {\n        partnerApp {\n          id\n          ...PartnerAppRow\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeveloperGrantPartnerAccessDocument,
    "\n  mutation DeveloperRevokePartnerAccess($partnerAppId: ID!) {\n    revokePartnerAccess(partnerAppId: $partnerAppId) {\n      __typename\n      ... on RevokePartnerAccessSuccess {\n        partnerApp {\n          id\n          ...PartnerAppRow\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeveloperRevokePartnerAccessDocument,
    "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    status\n    withheldReason\n    attemptCount\n    redelivery\n    createdAt\n    event {\n      id\n      type\n    }\n    attempts {\n      number\n      statusCode\n      durationMs\n      error\n    }\n  }\n": typeof types.WebhookDeliveryRowFragmentDoc,
    "\n  fragment WebhookEndpointCard on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    enabled\n    disabledReason\n    deliveries(first: 5) {\n      edges {\n        node {\n          id\n          ...WebhookDeliveryRow\n        }\n      }\n    }\n  }\n": typeof types.WebhookEndpointCardFragmentDoc,
    "\n  query DeveloperWebhookEndpoints {\n    webhookEndpoints(first: 10) {\n      edges {\n        node {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n    }\n  }\n": typeof types.DeveloperWebhookEndpointsDocument,
    "\n  mutation DeveloperCreateWebhookEndpoint($url: String!, $eventTypes: [WebhookEventType!]!, $description: String) {\n    createWebhookEndpoint(url: $url, eventTypes: $eventTypes, description: $description) {\n      __typename\n      ... on CreateWebhookEndpointSuccess {\n        secret\n        endpoint {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeveloperCreateWebhookEndpointDocument,
    "\n  mutation DeveloperUpdateWebhookEndpoint($id: ID!, $enabled: Boolean) {\n    updateWebhookEndpoint(id: $id, enabled: $enabled) {\n      __typename\n      ... on UpdateWebhookEndpointSuccess {\n        endpoint {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeveloperUpdateWebhookEndpointDocument,
    "\n  mutation DeveloperDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      __typename\n      ... on DeleteWebhookEndpointSuccess {\n        deletedId\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeveloperDeleteWebhookEndpointDocument,
    "\n  mutation DeveloperRedeliverWebhookEvent($endpointId: ID!, $eventId: ID!) {\n    redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId) {\n      __typename\n      ... on RedeliverWebhookEventSuccess {\n        delivery {\n          id\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.DeveloperRedeliverWebhookEventDocument,
    "\n  fragment BalanceCards on Earnings {\n    balance {\n      formatted\n    }\n    pending {\n      formatted\n    }\n    pendingBookings\n    heldBalance {\n      amountCents\n      formatted\n    }\n    nextReleaseAt\n    frozenBalance {\n      amountCents\n      formatted\n    }\n    owed {\n      amountCents\n      formatted\n    }\n    heldWaitingCount\n    totalEarned {\n      formatted\n    }\n    paidOut {\n      formatted\n    }\n  }\n": typeof types.BalanceCardsFragmentDoc,
    "\n  fragment MinimumPayout on Earnings {\n    minimumPayout {\n      amountCents\n      formatted\n    }\n    balance {\n      amountCents\n      currency\n      formatted\n    }\n    stripe {\n      status\n      payoutsEnabled\n    }\n  }\n": typeof types.MinimumPayoutFragmentDoc,
    "\n  fragment EarningsChart on EarningsMonth {\n    month\n    earned {\n      amountCents\n      currency\n      formatted\n    }\n    paidOut {\n      amountCents\n      formatted\n    }\n  }\n": typeof types.EarningsChartFragmentDoc,
    "\n  fragment PayoutHistory on PayoutConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        ...PayoutRow\n      }\n    }\n  }\n": typeof types.PayoutHistoryFragmentDoc,
    "\n  fragment PayoutRow on Payout {\n    status\n    amount {\n      formatted\n    }\n    createdAt\n    paidAt\n    failedAt\n    failureReason\n  }\n": typeof types.PayoutRowFragmentDoc,
    "\n  query MorePayouts($first: Int!, $after: String) {\n    earnings {\n      payouts(first: $first, after: $after) {\n        ...PayoutHistory\n      }\n    }\n  }\n": typeof types.MorePayoutsDocument,
    "\n  fragment StripeConnect on StripeAccount {\n    status\n    payoutsEnabled\n    requirementsDue\n    disabledReason\n  }\n": typeof types.StripeConnectFragmentDoc,
    "\n  mutation ConnectStripeAccount {\n    connectStripeAccount {\n      __typename\n      ... on ConnectStripeAccountSuccess {\n        url\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ConnectStripeAccountDocument,
    "\n  mutation RequestBooking($sessionTypeId: ID!, $message: String) {\n    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {\n      __typename\n      ... on RequestBookingSuccess {\n        checkoutUrl\n      }\n      ...MutationError\n    }\n  }\n": typeof types.RequestBookingDocument,
    "\n  fragment ReliabilityFigures on MentorReliability {\n    medianResponseMinutes\n    acceptanceRate\n    answeredCount\n    confirmedCount\n    declinedCount\n    expiredCount\n    sinceDays\n    shownToMentees\n  }\n": typeof types.ReliabilityFiguresFragmentDoc,
    "\n  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {\n    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on CreateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.CreateSessionTypeDocument,
    "\n  mutation UpdateSessionType($id: ID!, $title: String, $durationMinutes: Int, $priceCents: Int) {\n    updateSessionType(id: $id, title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on UpdateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n          durationMinutes\n          price {\n            amountCents\n            formatted\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.UpdateSessionTypeDocument,
    "\n  fragment SessionTypeMeta on SessionType {\n    durationMinutes\n    price {\n      formatted\n    }\n  }\n": typeof types.SessionTypeMetaFragmentDoc,
    "\n  fragment MutationError on Error {\n    __typename\n    code\n    ... on ValidationError {\n      field\n      rule\n    }\n    ... on PaymentCaptureError {\n      retryable\n    }\n  }\n": typeof types.MutationErrorFragmentDoc,
    "\n  mutation UpdateAccount($name: String!) {\n    updateAccount(name: $name) {\n      __typename\n      ... on UpdateAccountSuccess {\n        user {\n          id\n          name\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.UpdateAccountDocument,
    "\n  query MentorsAwaitingApproval {\n    mentorsAwaitingApproval(first: 50) {\n      edges {\n        node {\n          id\n          name\n          email\n          createdAt\n          mentorProfile {\n            headline\n          }\n        }\n      }\n    }\n  }\n": typeof types.MentorsAwaitingApprovalDocument,
    "\n  mutation ApproveMentor($userId: ID!) {\n    approveMentor(userId: $userId) {\n      __typename\n      ... on ApproveMentorSuccess {\n        mentor {\n          id\n          name\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ApproveMentorDocument,
    "\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      id\n      status\n      mentor {\n        id\n      }\n      payment\n      refund {\n        reason\n      }\n      session {\n        meetingLink\n      }\n      completionWindowEndsAt\n      problemReport {\n        status\n      }\n      ...BookingCard\n      ...ProblemReportPanel\n      ...BookingAdminPanel\n    }\n  }\n": typeof types.BookingDocument,
    "\n  query Earnings($payoutsFirst: Int!) {\n    earnings {\n      ...BalanceCards\n      ...MinimumPayout\n      stripe {\n        status\n        ...StripeConnect\n      }\n      monthly(months: 12) {\n        ...EarningsChart\n      }\n      payouts(first: $payoutsFirst) {\n        ...PayoutHistory\n      }\n      reliability {\n        ...ReliabilityFigures\n      }\n    }\n  }\n": typeof types.EarningsDocument,
    "\n  query MentorLedger($mentorId: ID!, $account: MentorLedgerAccount, $first: Int!) {\n    mentorLedger(mentorId: $mentorId) {\n      mentor {\n        id\n        name\n      }\n      balance {\n        formatted\n      }\n      heldBalance {\n        formatted\n      }\n      frozenBalance {\n        formatted\n      }\n      owed {\n        formatted\n      }\n      entries(account: $account, first: $first) {\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            kind\n            side\n            description\n            createdAt\n            bookingId\n            amount {\n              formatted\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MentorLedgerDocument,
    "\n  query Mentors($first: Int!, $after: String) {\n    mentors(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          mentorProfile {\n            headline\n            reliability {\n              ...ReliabilityFigures\n            }\n          }\n          sessionTypes {\n            id\n            title\n            active\n            durationMinutes\n            price {\n              formatted\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MentorsDocument,
    "\n  query MySessionTypes {\n    viewer {\n      id\n      sessionTypes {\n        id\n        title\n        active\n        durationMinutes\n        price {\n          amountCents\n        }\n        ...SessionTypeMeta\n      }\n    }\n  }\n": typeof types.MySessionTypesDocument,
    "\n  mutation ArchiveSessionType($id: ID!) {\n    archiveSessionType(id: $id) {\n      __typename\n      ... on ArchiveSessionTypeSuccess {\n        sessionType {\n          id\n          active\n        }\n      }\n      ...MutationError\n    }\n  }\n": typeof types.ArchiveSessionTypeDocument,
    "\n  mutation LogOut {\n    logOut {\n      __typename\n    }\n  }\n": typeof types.LogOutDocument,
};
const documents: Documents = {
    "\n  fragment AdminBookingRow on Booking {\n    id\n    title\n    status\n    createdAt\n    price {\n      formatted\n    }\n    refund {\n      status\n    }\n    ...BookingParties\n  }\n": types.AdminBookingRowFragmentDoc,
    "\n  query AdminBookings($status: [BookingStatus!], $first: Int!, $after: String) {\n    bookings(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AdminBookingRow\n        }\n      }\n    }\n  }\n": types.AdminBookingsDocument,
    "\n  fragment BookingAdminPanel on Booking {\n    id\n    title\n    status\n    payment\n    price {\n      formatted\n    }\n    refund {\n      status\n      failureReason\n      amount {\n        formatted\n      }\n    }\n    adminHistory {\n      id\n      kind\n      note\n      createdAt\n      amount {\n        formatted\n      }\n      admin {\n        name\n      }\n    }\n    ...BookingParties\n  }\n": types.BookingAdminPanelFragmentDoc,
    "\n  mutation AdminCancelBooking($id: ID!, $reason: String!, $refundCents: Int) {\n    adminCancelBooking(id: $id, reason: $reason, refundCents: $refundCents) {\n      __typename\n      ... on AdminCancelBookingSuccess {\n        booking {\n          id\n          status\n          payment\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.AdminCancelBookingDocument,
    "\n  fragment BookingParties on Booking {\n    mentee {\n      name\n    }\n    mentor {\n      id\n      name\n    }\n  }\n": types.BookingPartiesFragmentDoc,
    "\n  fragment OpenDisputeRow on Dispute {\n    stripeDisputeId\n    reason\n    openedAt\n    amount {\n      formatted\n    }\n    frozen {\n      formatted\n    }\n    owed {\n      amountCents\n      formatted\n    }\n    booking {\n      id\n      title\n      ...BookingParties\n    }\n  }\n": types.OpenDisputeRowFragmentDoc,
    "\n  fragment DisputeAttentionRow on Dispute {\n    stripeDisputeId\n    status\n    attention\n    amount {\n      formatted\n    }\n    booking {\n      id\n      title\n    }\n  }\n": types.DisputeAttentionRowFragmentDoc,
    "\n  query OpenDisputes {\n    disputes(status: OPEN, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          ...OpenDisputeRow\n        }\n      }\n    }\n  }\n": types.OpenDisputesDocument,
    "\n  query DisputesNeedingAttention {\n    disputes(needsAttention: true, first: 50) {\n      edges {\n        node {\n          id\n          ...DisputeAttentionRow\n        }\n      }\n    }\n  }\n": types.DisputesNeedingAttentionDocument,
    "\n  mutation MarkDisputeHandled($id: ID!, $note: String!) {\n    markDisputeHandled(id: $id, note: $note) {\n      __typename\n      ... on MarkDisputeHandledSuccess {\n        dispute {\n          id\n          attention\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.MarkDisputeHandledDocument,
    "\n  fragment FailedRefundRow on Booking {\n    id\n    title\n    refund {\n      failureReason\n      amount {\n        formatted\n      }\n    }\n    ...BookingParties\n  }\n": types.FailedRefundRowFragmentDoc,
    "\n  query FailedRefunds {\n    bookings(refundStatus: FAILED, first: 50) {\n      edges {\n        node {\n          id\n          ...FailedRefundRow\n        }\n      }\n    }\n  }\n": types.FailedRefundsDocument,
    "\n  mutation RetryRefund($id: ID!) {\n    retryRefund(id: $id) {\n      __typename\n      ... on RetryRefundSuccess {\n        booking {\n          id\n          refund {\n            status\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.RetryRefundDocument,
    "\n  fragment ProblemReportRow on ProblemReport {\n    reason\n    reportedAt\n    disputed\n    booking {\n      id\n      title\n      price {\n        formatted\n      }\n      ...BookingParties\n    }\n  }\n": types.ProblemReportRowFragmentDoc,
    "\n  query OpenProblemReports {\n    problemReports(first: 50) {\n      totalCount\n      edges {\n        node {\n          booking {\n            id\n          }\n          ...ProblemReportRow\n        }\n      }\n    }\n  }\n": types.OpenProblemReportsDocument,
    "\n  mutation ResolveProblemReport($id: ID!, $resolution: ProblemResolution!, $refundCents: Int, $note: String) {\n    resolveProblemReport(id: $id, resolution: $resolution, refundCents: $refundCents, note: $note) {\n      __typename\n      ... on ResolveProblemReportSuccess {\n        booking {\n          id\n          problemReport {\n            status\n            resolution\n            refunded {\n              formatted\n            }\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.ResolveProblemReportDocument,
    "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      __typename\n      ... on LogInSuccess {\n        token\n        user {\n          role\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.LogInDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {\n    signUp(email: $email, password: $password, name: $name, role: $role) {\n      __typename\n      ... on SignUpSuccess {\n        token\n        user {\n          role\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.SignUpDocument,
    "\n  subscription ViewerChanged {\n    viewerChanged {\n      kind\n    }\n  }\n": types.ViewerChangedDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      role\n      mentorProfile {\n        approved\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment BookingActions on Booking {\n    id\n    status\n    viewerCan\n    checkoutUrl\n    title\n    price {\n      formatted\n    }\n    mentor {\n      name\n    }\n    mentee {\n      name\n    }\n    cancellation {\n      outcome\n      fullRefundUntil\n      refund {\n        amountCents\n        formatted\n      }\n    }\n    ...DeclineForm\n    ...LinksForm\n    ...ScheduleForm\n  }\n": types.BookingActionsFragmentDoc,
    "\n  fragment ScheduleForm on Booking {\n    id\n    startsAt\n    durationMinutes\n  }\n": types.ScheduleFormFragmentDoc,
    "\n  fragment DeclineForm on Booking {\n    id\n    title\n    price {\n      formatted\n    }\n    mentee {\n      name\n    }\n  }\n": types.DeclineFormFragmentDoc,
    "\n  fragment LinksForm on Booking {\n    id\n    session {\n      availabilityLink\n      meetingLink\n    }\n  }\n": types.LinksFormFragmentDoc,
    "\n  fragment BookingCard on Booking {\n    id\n    status\n    title\n    durationMinutes\n    message\n    createdAt\n    respondBy\n    startsAt\n    endsAt\n    payment\n    declineReason\n    price {\n      formatted\n    }\n    mentee {\n      name\n    }\n    mentor {\n      name\n    }\n    refund {\n      ...RefundState\n    }\n    chargedBack {\n      formatted\n    }\n    session {\n      ...SessionLinks\n    }\n    history {\n      ...BookingHistory\n    }\n    ...BookingActions\n  }\n": types.BookingCardFragmentDoc,
    "\n  fragment SessionLinks on Session {\n    availabilityLink\n    meetingLink\n  }\n": types.SessionLinksFragmentDoc,
    "\n  fragment BookingHistory on BookingEvent {\n    sequence\n    toStatus\n    createdAt\n    actorKind\n    note\n    actor {\n      name\n    }\n  }\n": types.BookingHistoryFragmentDoc,
    "\n  query Bookings($status: [BookingStatus!], $first: Int!, $startsAfter: DateTime, $startsBefore: DateTime) {\n    bookings(status: $status, first: $first, startsAfter: $startsAfter, startsBefore: $startsBefore) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          ...BookingCard\n        }\n      }\n    }\n  }\n": types.BookingsDocument,
    "\n  fragment LiveBooking on Booking {\n    id\n    status\n    title\n    paidAt\n    startsAt\n    mentor {\n      id\n      name\n    }\n    mentee {\n      id\n      name\n    }\n    session {\n      meetingLink\n    }\n    refund {\n      status\n      amount {\n        formatted\n      }\n    }\n    history {\n      toStatus\n      createdAt\n      actor {\n        id\n      }\n    }\n  }\n": types.LiveBookingFragmentDoc,
    "\n  subscription BookingChanged {\n    bookingChanged {\n      ...LiveBooking\n    }\n  }\n": types.BookingChangedDocument,
    "\n  query BookingCounts {\n    pending: bookings(status: PENDING, first: 1) {\n      totalCount\n    }\n    confirmed: bookings(status: CONFIRMED, first: 1) {\n      totalCount\n    }\n    completed: bookings(status: COMPLETED, first: 1) {\n      totalCount\n    }\n    declined: bookings(status: DECLINED, first: 1) {\n      totalCount\n    }\n    all: bookings(first: 1) {\n      totalCount\n    }\n  }\n": types.BookingCountsDocument,
    "\n  fragment ProblemReportPanel on Booking {\n    id\n    completionWindowEndsAt\n    viewerCanReportProblem\n    problemReport {\n      status\n      reason\n      reportedAt\n      resolution\n      refunded {\n        formatted\n      }\n    }\n  }\n": types.ProblemReportPanelFragmentDoc,
    "\n  mutation ReportProblem($id: ID!, $reason: String!) {\n    reportProblem(id: $id, reason: $reason) {\n      __typename\n      ... on ReportProblemSuccess {\n        booking {\n          id\n          ...ProblemReportPanel\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.ReportProblemDocument,
    "\n  fragment RefundState on Refund {\n    status\n    reason\n    amount {\n      formatted\n    }\n    succeededAt\n  }\n": types.RefundStateFragmentDoc,
    "\n  fragment TransitionedBooking on Booking {\n    id\n    status\n    viewerCan\n    startsAt\n    endsAt\n  }\n": types.TransitionedBookingFragmentDoc,
    "\n  mutation ConfirmBooking($id: ID!) {\n    confirmBooking(id: $id) { __typename ... on ConfirmBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n": types.ConfirmBookingDocument,
    "\n  mutation DeclineBooking($id: ID!, $reason: String) {\n    declineBooking(id: $id, reason: $reason) { __typename ... on DeclineBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n": types.DeclineBookingDocument,
    "\n  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {\n    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {\n      __typename ... on AddBookingLinksSuccess { booking { ...TransitionedBooking } } ...MutationError\n    }\n  }\n": types.AddBookingLinksDocument,
    "\n  mutation ScheduleSession($id: ID!, $startsAt: DateTime!) {\n    scheduleSession(id: $id, startsAt: $startsAt) {\n      __typename ... on ScheduleSessionSuccess { booking { ...TransitionedBooking } } ...MutationError\n    }\n  }\n": types.ScheduleSessionDocument,
    "\n  mutation CompleteBooking($id: ID!) {\n    completeBooking(id: $id) { __typename ... on CompleteBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n": types.CompleteBookingDocument,
    "\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n": types.CancelBookingDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    partner\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n": types.ApiKeyRowFragmentDoc,
    "\n  query DeveloperApiKeys {\n    apiKeys(first: 50) {\n      edges {\n        node {\n          id\n          ...ApiKeyRow\n        }\n      }\n    }\n  }\n": types.DeveloperApiKeysDocument,
    "\n  mutation DeveloperCreateApiKey($name: String!, $scopes: [ApiScope!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      __typename\n      ... on CreateApiKeySuccess {\n        secret\n        apiKey {\n          id\n          ...ApiKeyRow\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.DeveloperCreateApiKeyDocument,
    "\n  mutation DeveloperRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on RevokeApiKeySuccess {\n        apiKey {\n          id\n          ...ApiKeyRow\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.DeveloperRevokeApiKeyDocument,
    "\n  fragment PartnerAppRow on PartnerApp {\n    id\n    name\n    granted\n    grantedAt\n  }\n": types.PartnerAppRowFragmentDoc,
    "\n  query DeveloperPartnerApps {\n    partnerApps {\n      id\n      ...PartnerAppRow\n    }\n  }\n": types.DeveloperPartnerAppsDocument,
    "\n  mutation DeveloperGrantPartnerAccess($partnerAppId: ID!) {\n    grantPartnerAccess(partnerAppId: $partnerAppId) {\n      __typename\n      ... on GrantPartnerAccessSuccess {\n        partnerApp {\n          id\n          ...PartnerAppRow\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.DeveloperGrantPartnerAccessDocument,
    "\n  mutation DeveloperRevokePartnerAccess($partnerAppId: ID!) {\n    revokePartnerAccess(partnerAppId: $partnerAppId) {\n      __typename\n      ... on RevokePartnerAccessSuccess {\n        partnerApp {\n          id\n          ...PartnerAppRow\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.DeveloperRevokePartnerAccessDocument,
    "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    status\n    withheldReason\n    attemptCount\n    redelivery\n    createdAt\n    event {\n      id\n      type\n    }\n    attempts {\n      number\n      statusCode\n      durationMs\n      error\n    }\n  }\n": types.WebhookDeliveryRowFragmentDoc,
    "\n  fragment WebhookEndpointCard on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    enabled\n    disabledReason\n    deliveries(first: 5) {\n      edges {\n        node {\n          id\n          ...WebhookDeliveryRow\n        }\n      }\n    }\n  }\n": types.WebhookEndpointCardFragmentDoc,
    "\n  query DeveloperWebhookEndpoints {\n    webhookEndpoints(first: 10) {\n      edges {\n        node {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n    }\n  }\n": types.DeveloperWebhookEndpointsDocument,
    "\n  mutation DeveloperCreateWebhookEndpoint($url: String!, $eventTypes: [WebhookEventType!]!, $description: String) {\n    createWebhookEndpoint(url: $url, eventTypes: $eventTypes, description: $description) {\n      __typename\n      ... on CreateWebhookEndpointSuccess {\n        secret\n        endpoint {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.DeveloperCreateWebhookEndpointDocument,
    "\n  mutation DeveloperUpdateWebhookEndpoint($id: ID!, $enabled: Boolean) {\n    updateWebhookEndpoint(id: $id, enabled: $enabled) {\n      __typename\n      ... on UpdateWebhookEndpointSuccess {\n        endpoint {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.DeveloperUpdateWebhookEndpointDocument,
    "\n  mutation DeveloperDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      __typename\n      ... on DeleteWebhookEndpointSuccess {\n        deletedId\n      }\n      ...MutationError\n    }\n  }\n": types.DeveloperDeleteWebhookEndpointDocument,
    "\n  mutation DeveloperRedeliverWebhookEvent($endpointId: ID!, $eventId: ID!) {\n    redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId) {\n      __typename\n      ... on RedeliverWebhookEventSuccess {\n        delivery {\n          id\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.DeveloperRedeliverWebhookEventDocument,
    "\n  fragment BalanceCards on Earnings {\n    balance {\n      formatted\n    }\n    pending {\n      formatted\n    }\n    pendingBookings\n    heldBalance {\n      amountCents\n      formatted\n    }\n    nextReleaseAt\n    frozenBalance {\n      amountCents\n      formatted\n    }\n    owed {\n      amountCents\n      formatted\n    }\n    heldWaitingCount\n    totalEarned {\n      formatted\n    }\n    paidOut {\n      formatted\n    }\n  }\n": types.BalanceCardsFragmentDoc,
    "\n  fragment MinimumPayout on Earnings {\n    minimumPayout {\n      amountCents\n      formatted\n    }\n    balance {\n      amountCents\n      currency\n      formatted\n    }\n    stripe {\n      status\n      payoutsEnabled\n    }\n  }\n": types.MinimumPayoutFragmentDoc,
    "\n  fragment EarningsChart on EarningsMonth {\n    month\n    earned {\n      amountCents\n      currency\n      formatted\n    }\n    paidOut {\n      amountCents\n      formatted\n    }\n  }\n": types.EarningsChartFragmentDoc,
    "\n  fragment PayoutHistory on PayoutConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        ...PayoutRow\n      }\n    }\n  }\n": types.PayoutHistoryFragmentDoc,
    "\n  fragment PayoutRow on Payout {\n    status\n    amount {\n      formatted\n    }\n    createdAt\n    paidAt\n    failedAt\n    failureReason\n  }\n": types.PayoutRowFragmentDoc,
    "\n  query MorePayouts($first: Int!, $after: String) {\n    earnings {\n      payouts(first: $first, after: $after) {\n        ...PayoutHistory\n      }\n    }\n  }\n": types.MorePayoutsDocument,
    "\n  fragment StripeConnect on StripeAccount {\n    status\n    payoutsEnabled\n    requirementsDue\n    disabledReason\n  }\n": types.StripeConnectFragmentDoc,
    "\n  mutation ConnectStripeAccount {\n    connectStripeAccount {\n      __typename\n      ... on ConnectStripeAccountSuccess {\n        url\n      }\n      ...MutationError\n    }\n  }\n": types.ConnectStripeAccountDocument,
    "\n  mutation RequestBooking($sessionTypeId: ID!, $message: String) {\n    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {\n      __typename\n      ... on RequestBookingSuccess {\n        checkoutUrl\n      }\n      ...MutationError\n    }\n  }\n": types.RequestBookingDocument,
    "\n  fragment ReliabilityFigures on MentorReliability {\n    medianResponseMinutes\n    acceptanceRate\n    answeredCount\n    confirmedCount\n    declinedCount\n    expiredCount\n    sinceDays\n    shownToMentees\n  }\n": types.ReliabilityFiguresFragmentDoc,
    "\n  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {\n    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on CreateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.CreateSessionTypeDocument,
    "\n  mutation UpdateSessionType($id: ID!, $title: String, $durationMinutes: Int, $priceCents: Int) {\n    updateSessionType(id: $id, title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on UpdateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n          durationMinutes\n          price {\n            amountCents\n            formatted\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.UpdateSessionTypeDocument,
    "\n  fragment SessionTypeMeta on SessionType {\n    durationMinutes\n    price {\n      formatted\n    }\n  }\n": types.SessionTypeMetaFragmentDoc,
    "\n  fragment MutationError on Error {\n    __typename\n    code\n    ... on ValidationError {\n      field\n      rule\n    }\n    ... on PaymentCaptureError {\n      retryable\n    }\n  }\n": types.MutationErrorFragmentDoc,
    "\n  mutation UpdateAccount($name: String!) {\n    updateAccount(name: $name) {\n      __typename\n      ... on UpdateAccountSuccess {\n        user {\n          id\n          name\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.UpdateAccountDocument,
    "\n  query MentorsAwaitingApproval {\n    mentorsAwaitingApproval(first: 50) {\n      edges {\n        node {\n          id\n          name\n          email\n          createdAt\n          mentorProfile {\n            headline\n          }\n        }\n      }\n    }\n  }\n": types.MentorsAwaitingApprovalDocument,
    "\n  mutation ApproveMentor($userId: ID!) {\n    approveMentor(userId: $userId) {\n      __typename\n      ... on ApproveMentorSuccess {\n        mentor {\n          id\n          name\n        }\n      }\n      ...MutationError\n    }\n  }\n": types.ApproveMentorDocument,
    "\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      id\n      status\n      mentor {\n        id\n      }\n      payment\n      refund {\n        reason\n      }\n      session {\n        meetingLink\n      }\n      completionWindowEndsAt\n      problemReport {\n        status\n      }\n      ...BookingCard\n      ...ProblemReportPanel\n      ...BookingAdminPanel\n    }\n  }\n": types.BookingDocument,
    "\n  query Earnings($payoutsFirst: Int!) {\n    earnings {\n      ...BalanceCards\n      ...MinimumPayout\n      stripe {\n        status\n        ...StripeConnect\n      }\n      monthly(months: 12) {\n        ...EarningsChart\n      }\n      payouts(first: $payoutsFirst) {\n        ...PayoutHistory\n      }\n      reliability {\n        ...ReliabilityFigures\n      }\n    }\n  }\n": types.EarningsDocument,
    "\n  query MentorLedger($mentorId: ID!, $account: MentorLedgerAccount, $first: Int!) {\n    mentorLedger(mentorId: $mentorId) {\n      mentor {\n        id\n        name\n      }\n      balance {\n        formatted\n      }\n      heldBalance {\n        formatted\n      }\n      frozenBalance {\n        formatted\n      }\n      owed {\n        formatted\n      }\n      entries(account: $account, first: $first) {\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            kind\n            side\n            description\n            createdAt\n            bookingId\n            amount {\n              formatted\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MentorLedgerDocument,
    "\n  query Mentors($first: Int!, $after: String) {\n    mentors(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          mentorProfile {\n            headline\n            reliability {\n              ...ReliabilityFigures\n            }\n          }\n          sessionTypes {\n            id\n            title\n            active\n            durationMinutes\n            price {\n              formatted\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MentorsDocument,
    "\n  query MySessionTypes {\n    viewer {\n      id\n      sessionTypes {\n        id\n        title\n        active\n        durationMinutes\n        price {\n          amountCents\n        }\n        ...SessionTypeMeta\n      }\n    }\n  }\n": types.MySessionTypesDocument,
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
export function graphql(source: "\n  fragment AdminBookingRow on Booking {\n    id\n    title\n    status\n    createdAt\n    price {\n      formatted\n    }\n    refund {\n      status\n    }\n    ...BookingParties\n  }\n"): (typeof documents)["\n  fragment AdminBookingRow on Booking {\n    id\n    title\n    status\n    createdAt\n    price {\n      formatted\n    }\n    refund {\n      status\n    }\n    ...BookingParties\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBookings($status: [BookingStatus!], $first: Int!, $after: String) {\n    bookings(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AdminBookingRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminBookings($status: [BookingStatus!], $first: Int!, $after: String) {\n    bookings(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AdminBookingRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookingAdminPanel on Booking {\n    id\n    title\n    status\n    payment\n    price {\n      formatted\n    }\n    refund {\n      status\n      failureReason\n      amount {\n        formatted\n      }\n    }\n    adminHistory {\n      id\n      kind\n      note\n      createdAt\n      amount {\n        formatted\n      }\n      admin {\n        name\n      }\n    }\n    ...BookingParties\n  }\n"): (typeof documents)["\n  fragment BookingAdminPanel on Booking {\n    id\n    title\n    status\n    payment\n    price {\n      formatted\n    }\n    refund {\n      status\n      failureReason\n      amount {\n        formatted\n      }\n    }\n    adminHistory {\n      id\n      kind\n      note\n      createdAt\n      amount {\n        formatted\n      }\n      admin {\n        name\n      }\n    }\n    ...BookingParties\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCancelBooking($id: ID!, $reason: String!, $refundCents: Int) {\n    adminCancelBooking(id: $id, reason: $reason, refundCents: $refundCents) {\n      __typename\n      ... on AdminCancelBookingSuccess {\n        booking {\n          id\n          status\n          payment\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCancelBooking($id: ID!, $reason: String!, $refundCents: Int) {\n    adminCancelBooking(id: $id, reason: $reason, refundCents: $refundCents) {\n      __typename\n      ... on AdminCancelBookingSuccess {\n        booking {\n          id\n          status\n          payment\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookingParties on Booking {\n    mentee {\n      name\n    }\n    mentor {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment BookingParties on Booking {\n    mentee {\n      name\n    }\n    mentor {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OpenDisputeRow on Dispute {\n    stripeDisputeId\n    reason\n    openedAt\n    amount {\n      formatted\n    }\n    frozen {\n      formatted\n    }\n    owed {\n      amountCents\n      formatted\n    }\n    booking {\n      id\n      title\n      ...BookingParties\n    }\n  }\n"): (typeof documents)["\n  fragment OpenDisputeRow on Dispute {\n    stripeDisputeId\n    reason\n    openedAt\n    amount {\n      formatted\n    }\n    frozen {\n      formatted\n    }\n    owed {\n      amountCents\n      formatted\n    }\n    booking {\n      id\n      title\n      ...BookingParties\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DisputeAttentionRow on Dispute {\n    stripeDisputeId\n    status\n    attention\n    amount {\n      formatted\n    }\n    booking {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  fragment DisputeAttentionRow on Dispute {\n    stripeDisputeId\n    status\n    attention\n    amount {\n      formatted\n    }\n    booking {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenDisputes {\n    disputes(status: OPEN, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          ...OpenDisputeRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenDisputes {\n    disputes(status: OPEN, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          ...OpenDisputeRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DisputesNeedingAttention {\n    disputes(needsAttention: true, first: 50) {\n      edges {\n        node {\n          id\n          ...DisputeAttentionRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DisputesNeedingAttention {\n    disputes(needsAttention: true, first: 50) {\n      edges {\n        node {\n          id\n          ...DisputeAttentionRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkDisputeHandled($id: ID!, $note: String!) {\n    markDisputeHandled(id: $id, note: $note) {\n      __typename\n      ... on MarkDisputeHandledSuccess {\n        dispute {\n          id\n          attention\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation MarkDisputeHandled($id: ID!, $note: String!) {\n    markDisputeHandled(id: $id, note: $note) {\n      __typename\n      ... on MarkDisputeHandledSuccess {\n        dispute {\n          id\n          attention\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FailedRefundRow on Booking {\n    id\n    title\n    refund {\n      failureReason\n      amount {\n        formatted\n      }\n    }\n    ...BookingParties\n  }\n"): (typeof documents)["\n  fragment FailedRefundRow on Booking {\n    id\n    title\n    refund {\n      failureReason\n      amount {\n        formatted\n      }\n    }\n    ...BookingParties\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FailedRefunds {\n    bookings(refundStatus: FAILED, first: 50) {\n      edges {\n        node {\n          id\n          ...FailedRefundRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FailedRefunds {\n    bookings(refundStatus: FAILED, first: 50) {\n      edges {\n        node {\n          id\n          ...FailedRefundRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryRefund($id: ID!) {\n    retryRefund(id: $id) {\n      __typename\n      ... on RetryRefundSuccess {\n        booking {\n          id\n          refund {\n            status\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation RetryRefund($id: ID!) {\n    retryRefund(id: $id) {\n      __typename\n      ... on RetryRefundSuccess {\n        booking {\n          id\n          refund {\n            status\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProblemReportRow on ProblemReport {\n    reason\n    reportedAt\n    disputed\n    booking {\n      id\n      title\n      price {\n        formatted\n      }\n      ...BookingParties\n    }\n  }\n"): (typeof documents)["\n  fragment ProblemReportRow on ProblemReport {\n    reason\n    reportedAt\n    disputed\n    booking {\n      id\n      title\n      price {\n        formatted\n      }\n      ...BookingParties\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenProblemReports {\n    problemReports(first: 50) {\n      totalCount\n      edges {\n        node {\n          booking {\n            id\n          }\n          ...ProblemReportRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenProblemReports {\n    problemReports(first: 50) {\n      totalCount\n      edges {\n        node {\n          booking {\n            id\n          }\n          ...ProblemReportRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveProblemReport($id: ID!, $resolution: ProblemResolution!, $refundCents: Int, $note: String) {\n    resolveProblemReport(id: $id, resolution: $resolution, refundCents: $refundCents, note: $note) {\n      __typename\n      ... on ResolveProblemReportSuccess {\n        booking {\n          id\n          problemReport {\n            status\n            resolution\n            refunded {\n              formatted\n            }\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveProblemReport($id: ID!, $resolution: ProblemResolution!, $refundCents: Int, $note: String) {\n    resolveProblemReport(id: $id, resolution: $resolution, refundCents: $refundCents, note: $note) {\n      __typename\n      ... on ResolveProblemReportSuccess {\n        booking {\n          id\n          problemReport {\n            status\n            resolution\n            refunded {\n              formatted\n            }\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      __typename\n      ... on LogInSuccess {\n        token\n        user {\n          role\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      __typename\n      ... on LogInSuccess {\n        token\n        user {\n          role\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {\n    signUp(email: $email, password: $password, name: $name, role: $role) {\n      __typename\n      ... on SignUpSuccess {\n        token\n        user {\n          role\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {\n    signUp(email: $email, password: $password, name: $name, role: $role) {\n      __typename\n      ... on SignUpSuccess {\n        token\n        user {\n          role\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ViewerChanged {\n    viewerChanged {\n      kind\n    }\n  }\n"): (typeof documents)["\n  subscription ViewerChanged {\n    viewerChanged {\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      role\n      mentorProfile {\n        approved\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      id\n      name\n      email\n      role\n      mentorProfile {\n        approved\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookingActions on Booking {\n    id\n    status\n    viewerCan\n    checkoutUrl\n    title\n    price {\n      formatted\n    }\n    mentor {\n      name\n    }\n    mentee {\n      name\n    }\n    cancellation {\n      outcome\n      fullRefundUntil\n      refund {\n        amountCents\n        formatted\n      }\n    }\n    ...DeclineForm\n    ...LinksForm\n    ...ScheduleForm\n  }\n"): (typeof documents)["\n  fragment BookingActions on Booking {\n    id\n    status\n    viewerCan\n    checkoutUrl\n    title\n    price {\n      formatted\n    }\n    mentor {\n      name\n    }\n    mentee {\n      name\n    }\n    cancellation {\n      outcome\n      fullRefundUntil\n      refund {\n        amountCents\n        formatted\n      }\n    }\n    ...DeclineForm\n    ...LinksForm\n    ...ScheduleForm\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScheduleForm on Booking {\n    id\n    startsAt\n    durationMinutes\n  }\n"): (typeof documents)["\n  fragment ScheduleForm on Booking {\n    id\n    startsAt\n    durationMinutes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeclineForm on Booking {\n    id\n    title\n    price {\n      formatted\n    }\n    mentee {\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment DeclineForm on Booking {\n    id\n    title\n    price {\n      formatted\n    }\n    mentee {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LinksForm on Booking {\n    id\n    session {\n      availabilityLink\n      meetingLink\n    }\n  }\n"): (typeof documents)["\n  fragment LinksForm on Booking {\n    id\n    session {\n      availabilityLink\n      meetingLink\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookingCard on Booking {\n    id\n    status\n    title\n    durationMinutes\n    message\n    createdAt\n    respondBy\n    startsAt\n    endsAt\n    payment\n    declineReason\n    price {\n      formatted\n    }\n    mentee {\n      name\n    }\n    mentor {\n      name\n    }\n    refund {\n      ...RefundState\n    }\n    chargedBack {\n      formatted\n    }\n    session {\n      ...SessionLinks\n    }\n    history {\n      ...BookingHistory\n    }\n    ...BookingActions\n  }\n"): (typeof documents)["\n  fragment BookingCard on Booking {\n    id\n    status\n    title\n    durationMinutes\n    message\n    createdAt\n    respondBy\n    startsAt\n    endsAt\n    payment\n    declineReason\n    price {\n      formatted\n    }\n    mentee {\n      name\n    }\n    mentor {\n      name\n    }\n    refund {\n      ...RefundState\n    }\n    chargedBack {\n      formatted\n    }\n    session {\n      ...SessionLinks\n    }\n    history {\n      ...BookingHistory\n    }\n    ...BookingActions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionLinks on Session {\n    availabilityLink\n    meetingLink\n  }\n"): (typeof documents)["\n  fragment SessionLinks on Session {\n    availabilityLink\n    meetingLink\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookingHistory on BookingEvent {\n    sequence\n    toStatus\n    createdAt\n    actorKind\n    note\n    actor {\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment BookingHistory on BookingEvent {\n    sequence\n    toStatus\n    createdAt\n    actorKind\n    note\n    actor {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bookings($status: [BookingStatus!], $first: Int!, $startsAfter: DateTime, $startsBefore: DateTime) {\n    bookings(status: $status, first: $first, startsAfter: $startsAfter, startsBefore: $startsBefore) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          ...BookingCard\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Bookings($status: [BookingStatus!], $first: Int!, $startsAfter: DateTime, $startsBefore: DateTime) {\n    bookings(status: $status, first: $first, startsAfter: $startsAfter, startsBefore: $startsBefore) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          ...BookingCard\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveBooking on Booking {\n    id\n    status\n    title\n    paidAt\n    startsAt\n    mentor {\n      id\n      name\n    }\n    mentee {\n      id\n      name\n    }\n    session {\n      meetingLink\n    }\n    refund {\n      status\n      amount {\n        formatted\n      }\n    }\n    history {\n      toStatus\n      createdAt\n      actor {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment LiveBooking on Booking {\n    id\n    status\n    title\n    paidAt\n    startsAt\n    mentor {\n      id\n      name\n    }\n    mentee {\n      id\n      name\n    }\n    session {\n      meetingLink\n    }\n    refund {\n      status\n      amount {\n        formatted\n      }\n    }\n    history {\n      toStatus\n      createdAt\n      actor {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BookingChanged {\n    bookingChanged {\n      ...LiveBooking\n    }\n  }\n"): (typeof documents)["\n  subscription BookingChanged {\n    bookingChanged {\n      ...LiveBooking\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingCounts {\n    pending: bookings(status: PENDING, first: 1) {\n      totalCount\n    }\n    confirmed: bookings(status: CONFIRMED, first: 1) {\n      totalCount\n    }\n    completed: bookings(status: COMPLETED, first: 1) {\n      totalCount\n    }\n    declined: bookings(status: DECLINED, first: 1) {\n      totalCount\n    }\n    all: bookings(first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query BookingCounts {\n    pending: bookings(status: PENDING, first: 1) {\n      totalCount\n    }\n    confirmed: bookings(status: CONFIRMED, first: 1) {\n      totalCount\n    }\n    completed: bookings(status: COMPLETED, first: 1) {\n      totalCount\n    }\n    declined: bookings(status: DECLINED, first: 1) {\n      totalCount\n    }\n    all: bookings(first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProblemReportPanel on Booking {\n    id\n    completionWindowEndsAt\n    viewerCanReportProblem\n    problemReport {\n      status\n      reason\n      reportedAt\n      resolution\n      refunded {\n        formatted\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ProblemReportPanel on Booking {\n    id\n    completionWindowEndsAt\n    viewerCanReportProblem\n    problemReport {\n      status\n      reason\n      reportedAt\n      resolution\n      refunded {\n        formatted\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportProblem($id: ID!, $reason: String!) {\n    reportProblem(id: $id, reason: $reason) {\n      __typename\n      ... on ReportProblemSuccess {\n        booking {\n          id\n          ...ProblemReportPanel\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ReportProblem($id: ID!, $reason: String!) {\n    reportProblem(id: $id, reason: $reason) {\n      __typename\n      ... on ReportProblemSuccess {\n        booking {\n          id\n          ...ProblemReportPanel\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RefundState on Refund {\n    status\n    reason\n    amount {\n      formatted\n    }\n    succeededAt\n  }\n"): (typeof documents)["\n  fragment RefundState on Refund {\n    status\n    reason\n    amount {\n      formatted\n    }\n    succeededAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TransitionedBooking on Booking {\n    id\n    status\n    viewerCan\n    startsAt\n    endsAt\n  }\n"): (typeof documents)["\n  fragment TransitionedBooking on Booking {\n    id\n    status\n    viewerCan\n    startsAt\n    endsAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmBooking($id: ID!) {\n    confirmBooking(id: $id) { __typename ... on ConfirmBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n"): (typeof documents)["\n  mutation ConfirmBooking($id: ID!) {\n    confirmBooking(id: $id) { __typename ... on ConfirmBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineBooking($id: ID!, $reason: String) {\n    declineBooking(id: $id, reason: $reason) { __typename ... on DeclineBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n"): (typeof documents)["\n  mutation DeclineBooking($id: ID!, $reason: String) {\n    declineBooking(id: $id, reason: $reason) { __typename ... on DeclineBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {\n    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {\n      __typename ... on AddBookingLinksSuccess { booking { ...TransitionedBooking } } ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {\n    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {\n      __typename ... on AddBookingLinksSuccess { booking { ...TransitionedBooking } } ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleSession($id: ID!, $startsAt: DateTime!) {\n    scheduleSession(id: $id, startsAt: $startsAt) {\n      __typename ... on ScheduleSessionSuccess { booking { ...TransitionedBooking } } ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ScheduleSession($id: ID!, $startsAt: DateTime!) {\n    scheduleSession(id: $id, startsAt: $startsAt) {\n      __typename ... on ScheduleSessionSuccess { booking { ...TransitionedBooking } } ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteBooking($id: ID!) {\n    completeBooking(id: $id) { __typename ... on CompleteBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n"): (typeof documents)["\n  mutation CompleteBooking($id: ID!) {\n    completeBooking(id: $id) { __typename ... on CompleteBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n"): (typeof documents)["\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    partner\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    partner\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeveloperApiKeys {\n    apiKeys(first: 50) {\n      edges {\n        node {\n          id\n          ...ApiKeyRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeveloperApiKeys {\n    apiKeys(first: 50) {\n      edges {\n        node {\n          id\n          ...ApiKeyRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeveloperCreateApiKey($name: String!, $scopes: [ApiScope!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      __typename\n      ... on CreateApiKeySuccess {\n        secret\n        apiKey {\n          id\n          ...ApiKeyRow\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeveloperCreateApiKey($name: String!, $scopes: [ApiScope!]!) {\n    createApiKey(name: $name, scopes: $scopes) {\n      __typename\n      ... on CreateApiKeySuccess {\n        secret\n        apiKey {\n          id\n          ...ApiKeyRow\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeveloperRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on RevokeApiKeySuccess {\n        apiKey {\n          id\n          ...ApiKeyRow\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeveloperRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on RevokeApiKeySuccess {\n        apiKey {\n          id\n          ...ApiKeyRow\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PartnerAppRow on PartnerApp {\n    id\n    name\n    granted\n    grantedAt\n  }\n"): (typeof documents)["\n  fragment PartnerAppRow on PartnerApp {\n    id\n    name\n    granted\n    grantedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeveloperPartnerApps {\n    partnerApps {\n      id\n      ...PartnerAppRow\n    }\n  }\n"): (typeof documents)["\n  query DeveloperPartnerApps {\n    partnerApps {\n      id\n      ...PartnerAppRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeveloperGrantPartnerAccess($partnerAppId: ID!) {\n    grantPartnerAccess(partnerAppId: $partnerAppId) {\n      __typename\n      ... on GrantPartnerAccessSuccess {\n        partnerApp {\n          id\n          ...PartnerAppRow\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeveloperGrantPartnerAccess($partnerAppId: ID!) {\n    grantPartnerAccess(partnerAppId: $partnerAppId) {\n      __typename\n      ... on GrantPartnerAccessSuccess {\n        partnerApp {\n          id\n          ...PartnerAppRow\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeveloperRevokePartnerAccess($partnerAppId: ID!) {\n    revokePartnerAccess(partnerAppId: $partnerAppId) {\n      __typename\n      ... on RevokePartnerAccessSuccess {\n        partnerApp {\n          id\n          ...PartnerAppRow\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeveloperRevokePartnerAccess($partnerAppId: ID!) {\n    revokePartnerAccess(partnerAppId: $partnerAppId) {\n      __typename\n      ... on RevokePartnerAccessSuccess {\n        partnerApp {\n          id\n          ...PartnerAppRow\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    status\n    withheldReason\n    attemptCount\n    redelivery\n    createdAt\n    event {\n      id\n      type\n    }\n    attempts {\n      number\n      statusCode\n      durationMs\n      error\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    status\n    withheldReason\n    attemptCount\n    redelivery\n    createdAt\n    event {\n      id\n      type\n    }\n    attempts {\n      number\n      statusCode\n      durationMs\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookEndpointCard on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    enabled\n    disabledReason\n    deliveries(first: 5) {\n      edges {\n        node {\n          id\n          ...WebhookDeliveryRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookEndpointCard on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    enabled\n    disabledReason\n    deliveries(first: 5) {\n      edges {\n        node {\n          id\n          ...WebhookDeliveryRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeveloperWebhookEndpoints {\n    webhookEndpoints(first: 10) {\n      edges {\n        node {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeveloperWebhookEndpoints {\n    webhookEndpoints(first: 10) {\n      edges {\n        node {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeveloperCreateWebhookEndpoint($url: String!, $eventTypes: [WebhookEventType!]!, $description: String) {\n    createWebhookEndpoint(url: $url, eventTypes: $eventTypes, description: $description) {\n      __typename\n      ... on CreateWebhookEndpointSuccess {\n        secret\n        endpoint {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeveloperCreateWebhookEndpoint($url: String!, $eventTypes: [WebhookEventType!]!, $description: String) {\n    createWebhookEndpoint(url: $url, eventTypes: $eventTypes, description: $description) {\n      __typename\n      ... on CreateWebhookEndpointSuccess {\n        secret\n        endpoint {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeveloperUpdateWebhookEndpoint($id: ID!, $enabled: Boolean) {\n    updateWebhookEndpoint(id: $id, enabled: $enabled) {\n      __typename\n      ... on UpdateWebhookEndpointSuccess {\n        endpoint {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeveloperUpdateWebhookEndpoint($id: ID!, $enabled: Boolean) {\n    updateWebhookEndpoint(id: $id, enabled: $enabled) {\n      __typename\n      ... on UpdateWebhookEndpointSuccess {\n        endpoint {\n          id\n          ...WebhookEndpointCard\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeveloperDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      __typename\n      ... on DeleteWebhookEndpointSuccess {\n        deletedId\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeveloperDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      __typename\n      ... on DeleteWebhookEndpointSuccess {\n        deletedId\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeveloperRedeliverWebhookEvent($endpointId: ID!, $eventId: ID!) {\n    redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId) {\n      __typename\n      ... on RedeliverWebhookEventSuccess {\n        delivery {\n          id\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation DeveloperRedeliverWebhookEvent($endpointId: ID!, $eventId: ID!) {\n    redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId) {\n      __typename\n      ... on RedeliverWebhookEventSuccess {\n        delivery {\n          id\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BalanceCards on Earnings {\n    balance {\n      formatted\n    }\n    pending {\n      formatted\n    }\n    pendingBookings\n    heldBalance {\n      amountCents\n      formatted\n    }\n    nextReleaseAt\n    frozenBalance {\n      amountCents\n      formatted\n    }\n    owed {\n      amountCents\n      formatted\n    }\n    heldWaitingCount\n    totalEarned {\n      formatted\n    }\n    paidOut {\n      formatted\n    }\n  }\n"): (typeof documents)["\n  fragment BalanceCards on Earnings {\n    balance {\n      formatted\n    }\n    pending {\n      formatted\n    }\n    pendingBookings\n    heldBalance {\n      amountCents\n      formatted\n    }\n    nextReleaseAt\n    frozenBalance {\n      amountCents\n      formatted\n    }\n    owed {\n      amountCents\n      formatted\n    }\n    heldWaitingCount\n    totalEarned {\n      formatted\n    }\n    paidOut {\n      formatted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MinimumPayout on Earnings {\n    minimumPayout {\n      amountCents\n      formatted\n    }\n    balance {\n      amountCents\n      currency\n      formatted\n    }\n    stripe {\n      status\n      payoutsEnabled\n    }\n  }\n"): (typeof documents)["\n  fragment MinimumPayout on Earnings {\n    minimumPayout {\n      amountCents\n      formatted\n    }\n    balance {\n      amountCents\n      currency\n      formatted\n    }\n    stripe {\n      status\n      payoutsEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EarningsChart on EarningsMonth {\n    month\n    earned {\n      amountCents\n      currency\n      formatted\n    }\n    paidOut {\n      amountCents\n      formatted\n    }\n  }\n"): (typeof documents)["\n  fragment EarningsChart on EarningsMonth {\n    month\n    earned {\n      amountCents\n      currency\n      formatted\n    }\n    paidOut {\n      amountCents\n      formatted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PayoutHistory on PayoutConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        ...PayoutRow\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PayoutHistory on PayoutConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        ...PayoutRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PayoutRow on Payout {\n    status\n    amount {\n      formatted\n    }\n    createdAt\n    paidAt\n    failedAt\n    failureReason\n  }\n"): (typeof documents)["\n  fragment PayoutRow on Payout {\n    status\n    amount {\n      formatted\n    }\n    createdAt\n    paidAt\n    failedAt\n    failureReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MorePayouts($first: Int!, $after: String) {\n    earnings {\n      payouts(first: $first, after: $after) {\n        ...PayoutHistory\n      }\n    }\n  }\n"): (typeof documents)["\n  query MorePayouts($first: Int!, $after: String) {\n    earnings {\n      payouts(first: $first, after: $after) {\n        ...PayoutHistory\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StripeConnect on StripeAccount {\n    status\n    payoutsEnabled\n    requirementsDue\n    disabledReason\n  }\n"): (typeof documents)["\n  fragment StripeConnect on StripeAccount {\n    status\n    payoutsEnabled\n    requirementsDue\n    disabledReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectStripeAccount {\n    connectStripeAccount {\n      __typename\n      ... on ConnectStripeAccountSuccess {\n        url\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ConnectStripeAccount {\n    connectStripeAccount {\n      __typename\n      ... on ConnectStripeAccountSuccess {\n        url\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestBooking($sessionTypeId: ID!, $message: String) {\n    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {\n      __typename\n      ... on RequestBookingSuccess {\n        checkoutUrl\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation RequestBooking($sessionTypeId: ID!, $message: String) {\n    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {\n      __typename\n      ... on RequestBookingSuccess {\n        checkoutUrl\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReliabilityFigures on MentorReliability {\n    medianResponseMinutes\n    acceptanceRate\n    answeredCount\n    confirmedCount\n    declinedCount\n    expiredCount\n    sinceDays\n    shownToMentees\n  }\n"): (typeof documents)["\n  fragment ReliabilityFigures on MentorReliability {\n    medianResponseMinutes\n    acceptanceRate\n    answeredCount\n    confirmedCount\n    declinedCount\n    expiredCount\n    sinceDays\n    shownToMentees\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {\n    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on CreateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {\n    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on CreateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSessionType($id: ID!, $title: String, $durationMinutes: Int, $priceCents: Int) {\n    updateSessionType(id: $id, title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on UpdateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n          durationMinutes\n          price {\n            amountCents\n            formatted\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSessionType($id: ID!, $title: String, $durationMinutes: Int, $priceCents: Int) {\n    updateSessionType(id: $id, title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {\n      __typename\n      ... on UpdateSessionTypeSuccess {\n        sessionType {\n          id\n          title\n          durationMinutes\n          price {\n            amountCents\n            formatted\n          }\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionTypeMeta on SessionType {\n    durationMinutes\n    price {\n      formatted\n    }\n  }\n"): (typeof documents)["\n  fragment SessionTypeMeta on SessionType {\n    durationMinutes\n    price {\n      formatted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MutationError on Error {\n    __typename\n    code\n    ... on ValidationError {\n      field\n      rule\n    }\n    ... on PaymentCaptureError {\n      retryable\n    }\n  }\n"): (typeof documents)["\n  fragment MutationError on Error {\n    __typename\n    code\n    ... on ValidationError {\n      field\n      rule\n    }\n    ... on PaymentCaptureError {\n      retryable\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAccount($name: String!) {\n    updateAccount(name: $name) {\n      __typename\n      ... on UpdateAccountSuccess {\n        user {\n          id\n          name\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAccount($name: String!) {\n    updateAccount(name: $name) {\n      __typename\n      ... on UpdateAccountSuccess {\n        user {\n          id\n          name\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MentorsAwaitingApproval {\n    mentorsAwaitingApproval(first: 50) {\n      edges {\n        node {\n          id\n          name\n          email\n          createdAt\n          mentorProfile {\n            headline\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MentorsAwaitingApproval {\n    mentorsAwaitingApproval(first: 50) {\n      edges {\n        node {\n          id\n          name\n          email\n          createdAt\n          mentorProfile {\n            headline\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveMentor($userId: ID!) {\n    approveMentor(userId: $userId) {\n      __typename\n      ... on ApproveMentorSuccess {\n        mentor {\n          id\n          name\n        }\n      }\n      ...MutationError\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveMentor($userId: ID!) {\n    approveMentor(userId: $userId) {\n      __typename\n      ... on ApproveMentorSuccess {\n        mentor {\n          id\n          name\n        }\n      }\n      ...MutationError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      id\n      status\n      mentor {\n        id\n      }\n      payment\n      refund {\n        reason\n      }\n      session {\n        meetingLink\n      }\n      completionWindowEndsAt\n      problemReport {\n        status\n      }\n      ...BookingCard\n      ...ProblemReportPanel\n      ...BookingAdminPanel\n    }\n  }\n"): (typeof documents)["\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      id\n      status\n      mentor {\n        id\n      }\n      payment\n      refund {\n        reason\n      }\n      session {\n        meetingLink\n      }\n      completionWindowEndsAt\n      problemReport {\n        status\n      }\n      ...BookingCard\n      ...ProblemReportPanel\n      ...BookingAdminPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Earnings($payoutsFirst: Int!) {\n    earnings {\n      ...BalanceCards\n      ...MinimumPayout\n      stripe {\n        status\n        ...StripeConnect\n      }\n      monthly(months: 12) {\n        ...EarningsChart\n      }\n      payouts(first: $payoutsFirst) {\n        ...PayoutHistory\n      }\n      reliability {\n        ...ReliabilityFigures\n      }\n    }\n  }\n"): (typeof documents)["\n  query Earnings($payoutsFirst: Int!) {\n    earnings {\n      ...BalanceCards\n      ...MinimumPayout\n      stripe {\n        status\n        ...StripeConnect\n      }\n      monthly(months: 12) {\n        ...EarningsChart\n      }\n      payouts(first: $payoutsFirst) {\n        ...PayoutHistory\n      }\n      reliability {\n        ...ReliabilityFigures\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MentorLedger($mentorId: ID!, $account: MentorLedgerAccount, $first: Int!) {\n    mentorLedger(mentorId: $mentorId) {\n      mentor {\n        id\n        name\n      }\n      balance {\n        formatted\n      }\n      heldBalance {\n        formatted\n      }\n      frozenBalance {\n        formatted\n      }\n      owed {\n        formatted\n      }\n      entries(account: $account, first: $first) {\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            kind\n            side\n            description\n            createdAt\n            bookingId\n            amount {\n              formatted\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MentorLedger($mentorId: ID!, $account: MentorLedgerAccount, $first: Int!) {\n    mentorLedger(mentorId: $mentorId) {\n      mentor {\n        id\n        name\n      }\n      balance {\n        formatted\n      }\n      heldBalance {\n        formatted\n      }\n      frozenBalance {\n        formatted\n      }\n      owed {\n        formatted\n      }\n      entries(account: $account, first: $first) {\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            kind\n            side\n            description\n            createdAt\n            bookingId\n            amount {\n              formatted\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Mentors($first: Int!, $after: String) {\n    mentors(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          mentorProfile {\n            headline\n            reliability {\n              ...ReliabilityFigures\n            }\n          }\n          sessionTypes {\n            id\n            title\n            active\n            durationMinutes\n            price {\n              formatted\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Mentors($first: Int!, $after: String) {\n    mentors(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          mentorProfile {\n            headline\n            reliability {\n              ...ReliabilityFigures\n            }\n          }\n          sessionTypes {\n            id\n            title\n            active\n            durationMinutes\n            price {\n              formatted\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessionTypes {\n    viewer {\n      id\n      sessionTypes {\n        id\n        title\n        active\n        durationMinutes\n        price {\n          amountCents\n        }\n        ...SessionTypeMeta\n      }\n    }\n  }\n"): (typeof documents)["\n  query MySessionTypes {\n    viewer {\n      id\n      sessionTypes {\n        id\n        title\n        active\n        durationMinutes\n        price {\n          amountCents\n        }\n        ...SessionTypeMeta\n      }\n    }\n  }\n"];
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