// Shared steps of the booking story, driven through the public API only.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { TestApp } from "./harness.ts";

export const ADMIN = { email: "admin@test.dev", password: "admin-password-1" };
export const ADMIN_VARS = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
export const PASSWORD = "correct horse battery";

export const BOOKING_FIELDS = `
  id status title durationMinutes message declineReason checkoutUrl viewerCan respondBy paidAt
  price { amountCents currency formatted }
  mentor { id name } mentee { id name }
  session { availabilityLink meetingLink linksAddedAt completedAt }
  history { sequence fromStatus toStatus actorKind actor { id } note }`;

const ERROR = `... on Error { __typename message code }`;
const VALIDATION = `... on ValidationError { field rule }`;
const ERROR_FIELDS = `${ERROR} ${VALIDATION}`;
/** confirm, cancel, complete take only an id: no ValidationError in their results. */
const BOOKING_ERROR_FIELDS = `${ERROR} ... on InvalidTransitionError { action currentStatus }`;
/** decline and addBookingLinks also take input that can be invalid. */
const BOOKING_INPUT_ERROR_FIELDS = `${BOOKING_ERROR_FIELDS} ${VALIDATION}`;

export const OPS = {
  signUp: `mutation($email: String!, $password: String!, $name: String!, $role: SignUpRole!) {
    signUp(email: $email, password: $password, name: $name, role: $role) {
      __typename ... on SignUpSuccess { token user { id role } } ${ERROR_FIELDS} } }`,
  logIn: `mutation($email: String!, $password: String!) {
    logIn(email: $email, password: $password) { __typename ... on LogInSuccess { token user { id role } } ${ERROR} } }`,
  approveMentor: `mutation($id: ID!) { approveMentor(userId: $id) { __typename ... on ApproveMentorSuccess { mentor { id mentorProfile { approved } } } ${ERROR} } }`,
  createSessionType: `mutation($title: String!, $durationMinutes: Int!, $priceCents: Int!) {
    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {
      __typename ... on CreateSessionTypeSuccess { sessionType { id title price { amountCents } } } ${ERROR_FIELDS} } }`,
  requestBooking: `mutation($sessionTypeId: ID!, $message: String) {
    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {
      __typename ... on RequestBookingSuccess { checkoutUrl booking { ${BOOKING_FIELDS} } } ${ERROR_FIELDS} } }`,
  confirmBooking: `mutation($id: ID!) { confirmBooking(id: $id) { __typename ... on ConfirmBookingSuccess { booking { ${BOOKING_FIELDS} } } ${BOOKING_ERROR_FIELDS} } }`,
  declineBooking: `mutation($id: ID!, $reason: String) { declineBooking(id: $id, reason: $reason) { __typename ... on DeclineBookingSuccess { booking { ${BOOKING_FIELDS} } } ${BOOKING_INPUT_ERROR_FIELDS} } }`,
  addBookingLinks: `mutation($id: ID!, $availabilityLink: String!, $meetingLink: String!) {
    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {
      __typename ... on AddBookingLinksSuccess { booking { ${BOOKING_FIELDS} } } ${BOOKING_INPUT_ERROR_FIELDS} } }`,
  completeBooking: `mutation($id: ID!) { completeBooking(id: $id) { __typename ... on CompleteBookingSuccess { booking { ${BOOKING_FIELDS} } } ${BOOKING_ERROR_FIELDS} } }`,
  cancelBooking: `mutation($id: ID!) { cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { ${BOOKING_FIELDS} } } ${BOOKING_ERROR_FIELDS} } }`,
  booking: `query($id: ID!) { booking(id: $id) { ${BOOKING_FIELDS} } }`,
  bookingChanged: `subscription($id: ID) { bookingChanged(id: $id) { id status session { availabilityLink meetingLink } } }`,
};

export interface Account {
  token: string;
  id: string;
  email: string;
}

export async function signUp(
  t: TestApp,
  role: "MENTOR" | "MENTEE",
  name = `${role.toLowerCase()} ${randomBytes(3).toString("hex")}`,
): Promise<Account> {
  const email = `${name.replace(/\W+/g, ".")}.${randomBytes(4).toString("hex")}@example.com`;
  const result = await t.gql(OPS.signUp, { email, password: PASSWORD, name, role });
  expect(result.errors).toBeUndefined();
  expect(result.data.signUp.__typename).toBe("SignUpSuccess");
  return { token: result.data.signUp.token, id: result.data.signUp.user.id, email };
}

export async function logInAdmin(t: TestApp): Promise<Account> {
  const result = await t.gql(OPS.logIn, ADMIN);
  expect(result.data.logIn.__typename).toBe("LogInSuccess");
  return { token: result.data.logIn.token, id: result.data.logIn.user.id, email: ADMIN.email };
}

/** An approved mentor with one session type, and a mentee. */
export async function marketplace(t: TestApp, priceCents = 5000) {
  const admin = await logInAdmin(t);
  const mentor = await signUp(t, "MENTOR");
  const mentee = await signUp(t, "MENTEE");
  const approved = await t.gql(OPS.approveMentor, { id: mentor.id }, admin.token);
  expect(approved.data.approveMentor.__typename).toBe("ApproveMentorSuccess");
  const created = await t.gql(OPS.createSessionType, { title: "Career chat", durationMinutes: 45, priceCents }, mentor.token);
  expect(created.data.createSessionType.__typename).toBe("CreateSessionTypeSuccess");
  return { admin, mentor, mentee, sessionTypeId: created.data.createSessionType.sessionType.id as string, priceCents };
}

export async function requestBooking(t: TestApp, menteeToken: string, sessionTypeId: string, message = "Hello!") {
  const result = await t.gql(OPS.requestBooking, { sessionTypeId, message }, menteeToken);
  expect(result.errors).toBeUndefined();
  expect(result.data.requestBooking.__typename).toBe("RequestBookingSuccess");
  return result.data.requestBooking as { checkoutUrl: string; booking: { id: string; status: string } & Record<string, any> };
}

/** The raw database id behind a Relay global id. */
export function rawId(globalId: string): string {
  return Buffer.from(globalId, "base64").toString("utf8").split(":")[1]!;
}

export function checkoutCompleted(
  bookingGlobalId: string,
  amountCents: number,
  overrides: { eventId?: string; currency?: string; paymentStatus?: string } = {},
) {
  const bookingId = rawId(bookingGlobalId);
  return {
    id: overrides.eventId ?? `evt_${randomBytes(8).toString("hex")}`,
    object: "event",
    type: "checkout.session.completed",
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `cs_test_${bookingId}`,
        object: "checkout.session",
        client_reference_id: bookingId,
        metadata: { bookingId },
        payment_status: overrides.paymentStatus ?? "paid",
        payment_intent: `pi_${randomBytes(6).toString("hex")}`,
        amount_total: amountCents,
        currency: overrides.currency ?? "usd",
      },
    },
  };
}

/** Books and pays (signed webhook); returns the PENDING booking's global id. */
export async function paidBooking(t: TestApp, m: Awaited<ReturnType<typeof marketplace>>) {
  const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
  const response = await t.webhook(checkoutCompleted(booking.id, m.priceCents));
  expect(response.status).toBe(200);
  return booking.id;
}

/**
 * `bookingChanged` sends one event per change, each carrying the booking as it is when the
 * event is delivered. So event i shows change i or a later one, never an earlier one, and the
 * last event shows the last change.
 */
export function expectLiveStatuses(events: Array<{ data?: unknown }>, changes: string[]): void {
  const statuses = events.map((e) => (e.data as { bookingChanged: { status: string } }).bookingChanged.status);
  expect(statuses).toHaveLength(changes.length);
  let from = 0;
  statuses.forEach((status, i) => {
    const at = changes.indexOf(status, Math.max(from, i));
    expect(at, `event ${i} shows ${status}, expected one of ${changes.slice(Math.max(from, i)).join(", ")}`).toBeGreaterThanOrEqual(0);
    from = at;
  });
  expect(statuses.at(-1)).toBe(changes.at(-1));
}
