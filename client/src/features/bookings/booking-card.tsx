// One booking as the mentor or the mentee sees it: who, what, price, message, links, actions
// and its history.
import { For, Show } from "solid-js";
import { A } from "@solidjs/router";
import type { BookingFieldsFragment } from "../../gql/graphql";
import { StatusBadge } from "../../components/ui";
import { STATUS_LABEL, formatDateTime, formatRelative, formatTimeLeft } from "../../lib/format";
import { BookingActions } from "./booking-actions";
import { RefundState } from "./refund-state";

type Booking = BookingFieldsFragment;

export function BookingCard(props: {
  booking: Booking;
  perspective: "mentor" | "mentee";
  /** Link the title to the booking's own page. */
  link?: boolean;
  historyOpen?: boolean;
  headingLevel?: 2 | 3;
}) {
  const other = () => (props.perspective === "mentor" ? props.booking.mentee : props.booking.mentor);
  const titleId = () => `booking-${props.booking.id}-title`;
  const Title = () => (
    <Show when={props.link} fallback={props.booking.title}>
      <A href={`/bookings/${encodeURIComponent(props.booking.id)}`}>{props.booking.title}</A>
    </Show>
  );
  return (
    <article class="card booking" aria-labelledby={titleId()} data-status={props.booking.status}>
      <header class="booking-head">
        <div>
          <Show
            when={props.headingLevel === 2}
            fallback={
              <h3 id={titleId()} class="booking-title" tabindex="-1">
                <Title />
              </h3>
            }
          >
            <h2 id={titleId()} class="booking-title" tabindex="-1">
              <Title />
            </h2>
          </Show>
          <p class="booking-meta">
            {props.perspective === "mentor" ? "Mentee" : "Mentor"}: <strong>{other().name}</strong>
            <span aria-hidden="true"> · </span>
            {props.booking.durationMinutes} min
            <span aria-hidden="true"> · </span>
            <span class="price">{props.booking.price.formatted}</span>
          </p>
          <p class="booking-time">
            Booked <time datetime={props.booking.createdAt}>{formatRelative(props.booking.createdAt)}</time>
          </p>
          <Show when={props.booking.respondBy}>{(by) => <RespondBy at={by()} perspective={props.perspective} />}</Show>
        </div>
        <StatusBadge status={props.booking.status} />
      </header>

      <Show when={props.booking.message}>
        <blockquote class="message">
          <span class="visually-hidden">Message from {props.booking.mentee.name}: </span>
          {props.booking.message}
        </blockquote>
      </Show>

      <Show when={props.booking.status === "DECLINED"}>
        <p class="decline-reason">
          <strong>Declined</strong>
          {props.booking.declineReason ? `: ${props.booking.declineReason}` : "."}
          <Show when={props.perspective === "mentee" && !props.booking.refund}> Your payment is refunded in full.</Show>
        </p>
      </Show>

      <Show when={props.booking.refund}>{(refund) => <RefundState refund={refund()} perspective={props.perspective} />}</Show>

      <SessionLinks booking={props.booking} perspective={props.perspective} />

      <BookingActions booking={props.booking} />

      <details class="history" open={props.historyOpen}>
        <summary>History ({props.booking.history.length})</summary>
        <ol>
          <For each={props.booking.history}>
            {(event) => (
              <li>
                <span class="history-status">{STATUS_LABEL[event.toStatus]}</span>
                <span class="history-who">
                  {event.actorKind === "STRIPE" ? "payment" : event.actorKind === "SYSTEM" ? "automatic" : (event.actor?.name ?? "")}
                </span>
                <time datetime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                <Show when={event.note}>
                  <span class="history-note">“{event.note}”</span>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </details>
    </article>
  );
}

function SessionLinks(props: { booking: Booking; perspective: "mentor" | "mentee" }) {
  const session = () => props.booking.session;
  return (
    <Show when={session()?.availabilityLink || session()?.meetingLink}>
      <section class="links" aria-label="Session links">
        <Show when={session()?.availabilityLink}>
          {(href) => (
            <a class="link-card" href={href()} target="_blank" rel="noopener noreferrer">
              <span class="link-label">Pick a time</span>
              <span class="link-url">{href()}</span>
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          )}
        </Show>
        <Show when={session()?.meetingLink}>
          {(href) => (
            <a class="link-card" href={href()} target="_blank" rel="noopener noreferrer">
              <span class="link-label">Join the meeting</span>
              <span class="link-url">{href()}</span>
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          )}
        </Show>
      </section>
    </Show>
  );
}

/** The answer-by deadline of a paid request: a countdown, and the exact time. */
export function RespondBy(props: { at: string; perspective: "mentor" | "mentee" }) {
  const left = () => formatTimeLeft(props.at);
  return (
    <p class="respond-by" data-testid="respond-by">
      <Show
        when={left()}
        fallback={
          props.perspective === "mentor"
            ? "The time to answer is over; this request is expiring."
            : "Your mentor did not answer in time; this booking is expiring."
        }
      >
        {(text) => (
          <>
            {props.perspective === "mentor" ? "Answer within " : "Your mentor has "}
            <strong>{text()}</strong>
            {props.perspective === "mentor" ? "" : " to answer"} (by <time datetime={props.at}>{formatDateTime(props.at)}</time>)
            {props.perspective === "mentor" ? ", or it expires and the mentee is refunded." : "; otherwise you are refunded in full."}
          </>
        )}
      </Show>
    </p>
  );
}
