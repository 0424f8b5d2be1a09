// One booking, live: what the mentee follows after paying (and the mentor's view of it).
// The route accepts the Relay global id or the raw uuid the payment simulator returns to.
import { Show } from "solid-js";
import { A, useParams, useSearchParams } from "@solidjs/router";
import { createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { safeDecode, toGlobalId } from "../lib/ids";
import { forRoles } from "../features/auth/require-role";
import { useViewer } from "../features/auth/viewer";
import { BookingCard } from "../features/bookings/booking-card";
import { BOOKING_CONTEXT } from "../features/bookings/live";
import { ProblemReportPanel } from "../features/bookings/problem-report";
import { BookingAdminPanel } from "../features/admin/booking-admin";
import { Notice } from "../components/ui";
import { QueryState } from "../components/query-state";

const BookingDocument = graphql(`
  query Booking($id: ID!) {
    booking(id: $id) {
      id
      status
      mentor {
        id
      }
      payment
      refund {
        reason
      }
      session {
        meetingLink
      }
      completionWindowEndsAt
      problemReport {
        status
      }
      ...BookingCard
      ...ProblemReportPanel
      ...BookingAdminPanel
    }
  }
`);

const NEXT_STEP: Partial<Record<string, string>> = {
  AWAITING_PAYMENT: "Complete the payment to send this booking to your mentor.",
  PENDING: "Paid. Your mentor has been notified and will confirm or decline soon.",
  PENDING_AUTHORIZED:
    "Your card is authorised, not charged: it is charged only when your mentor confirms. Your mentor has been notified and will confirm or decline soon.",
  CONFIRMED: "Confirmed! Your mentor will add a link to pick a time and a meeting link here.",
  CANCELLED_CAPTURED: "This session was cancelled shortly before it started: by the cancellation policy nothing is refunded.",
  CANCELLED_RELEASED: "This booking was cancelled. The hold on your card was released: you were not charged.",
  EXPIRED_RELEASED:
    "Your mentor did not answer in time, so this booking expired. The hold on your card was released: you were not charged.",
  COMPLETED: "This session is complete. Thank you!",
  DECLINED: "Your mentor declined this booking. The hold on your card was released: you were not charged.",
  CANCELLED: "This booking was cancelled; nothing was charged.",
  EXPIRED: "This booking expired before it was paid; nothing was charged.",
};

/** Closed after payment, by refund reason: the refund below says where the money is. */
const REFUNDED_STEP: Partial<Record<string, string>> = {
  DECLINED: "Your mentor declined this booking. Your refund is shown below.",
  CANCELLED: "This booking was cancelled. Your refund is shown below.",
  MENTOR_CANCELLED: "Your mentor cancelled this session. Your refund is shown below.",
  EXPIRED: "Your mentor did not answer in time, so this booking expired. Your refund is shown below.",
  LATE_PAYMENT: "Your payment arrived after this booking had closed. Your refund is shown below.",
};

function BookingView() {
  const params = useParams();
  const [search] = useSearchParams();
  const { viewer } = useViewer();
  // Card links encode the global id (base64 may hold "/" and "="); the router keeps it encoded.
  const id = () => toGlobalId("Booking", safeDecode(params.id ?? ""));
  const query = createQuery({ query: BookingDocument, variables: () => ({ id: id() }), context: BOOKING_CONTEXT });
  const [result] = query;
  const booking = () => result.data?.booking;
  const perspective = () => (booking()?.mentor.id === viewer()?.id ? "mentor" : "mentee");
  const isAdmin = () => viewer()?.role === "ADMIN";
  const back = () =>
    isAdmin()
      ? { href: "/admin", label: "Admin" }
      : viewer()?.role === "MENTOR"
        ? { href: "/dashboard", label: "All bookings" }
        : { href: "/bookings", label: "My bookings" };
  return (
    <section class="page narrow-wide">
      <h1 class="visually-hidden">{isAdmin() ? "Booking" : "Your booking"}</h1>
      <p class="breadcrumb">
        <A href={back().href}>← {back().label}</A>
      </p>
      <QueryState
        query={query}
        loading="Loading booking…"
        error="We could not load this booking."
        isEmpty={!booking()}
        empty={
          <>
            <h2>Booking not found</h2>
            <p>This booking does not exist or is not yours.</p>
          </>
        }
      >
        <Show when={booking()}>
          {(b) => (
            <>
              <Show when={search.paid === "1" && b().status !== "AWAITING_PAYMENT" && !b().refund}>
                <Notice tone="success">
                  <p>Payment received. Thank you!</p>
                </Notice>
              </Show>
              <Show when={!isAdmin() && perspective() === "mentee" && NEXT_STEP[b().status]}>
                <p class="next-step" aria-live="polite" data-testid="next-step">
                  {b().status === "CONFIRMED" && b().session?.meetingLink
                    ? "Confirmed! Pick a time with the link below, then join the meeting at that time."
                    : (REFUNDED_STEP[b().refund?.reason ?? ""] ??
                      (b().payment === "RELEASED" || b().payment === "CAPTURED" || b().payment === "AUTHORIZED"
                        ? NEXT_STEP[`${b().status}_${b().payment}`]
                        : undefined) ??
                      NEXT_STEP[b().status])}
                </p>
              </Show>
              <BookingCard booking={b()} perspective={perspective()} historyOpen headingLevel={2} />
              <Show when={b().status === "COMPLETED" && (b().completionWindowEndsAt || b().problemReport) && b().id} keyed>
                {(_id) => <ProblemReportPanel booking={b()} perspective={perspective()} />}
              </Show>
              <Show when={isAdmin() && b().id} keyed>
                {(_id) => <BookingAdminPanel booking={b()} />}
              </Show>
            </>
          )}
        </Show>
      </QueryState>
    </section>
  );
}

export default forRoles(["MENTEE", "MENTOR", "ADMIN"], BookingView);
