// One booking as the mentor or the mentee sees it: who, what, price, message, links, actions
// and its history.
import { For, Show } from "solid-js";
import { A } from "@solidjs/router";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { StatusBadge } from "../../components/ui";
import { STATUS_LABEL, formatDateTime, formatRelative, formatSessionTime, formatTimeLeft, isJoinable } from "../../lib/format";
import { BookingActions } from "./booking-actions";
import { RefundState } from "./refund-state";

export const BookingCardFragment = graphql(`
  fragment BookingCard on Booking {
    id
    status
    title
    durationMinutes
    message
    createdAt
    respondBy
    startsAt
    endsAt
    payment
    declineReason
    price {
      formatted
    }
    mentee {
      name
    }
    mentor {
      name
    }
    refund {
      ...RefundState
    }
    chargedBack {
      formatted
    }
    session {
      ...SessionLinks
    }
    history {
      ...BookingHistory
    }
    ...BookingActions
  }
`);

const SessionLinksFragment = graphql(`
  fragment SessionLinks on Session {
    availabilityLink
    meetingLink
  }
`);

const BookingHistoryFragment = graphql(`
  fragment BookingHistory on BookingEvent {
    sequence
    toStatus
    createdAt
    actorKind
    note
    actor {
      name
    }
  }
`);

export function BookingCard(props: {
  booking: FragmentType<typeof BookingCardFragment>;
  perspective: "mentor" | "mentee";
  /** Link the title to the booking's own page. */
  link?: boolean;
  historyOpen?: boolean;
  headingLevel?: 2 | 3;
}) {
  const booking = () => getFragmentData(BookingCardFragment, props.booking);
  const other = () => (props.perspective === "mentor" ? booking().mentee : booking().mentor);
  const titleId = () => `booking-${booking().id}-title`;
  const Title = () => (
    <Show when={props.link} fallback={booking().title}>
      <A href={`/bookings/${encodeURIComponent(booking().id)}`}>{booking().title}</A>
    </Show>
  );
  return (
    <article class="card booking" aria-labelledby={titleId()} data-status={booking().status}>
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
            {booking().durationMinutes} min
            <span aria-hidden="true"> · </span>
            <span class="price">{booking().price.formatted}</span>
          </p>
          <p class="booking-time">
            Booked <time datetime={booking().createdAt}>{formatRelative(booking().createdAt)}</time>
          </p>
          <Show when={booking().respondBy}>{(by) => <RespondBy at={by()} perspective={props.perspective} />}</Show>
          <Show when={booking().startsAt}>
            {(at) => (
              <p class="session-time" data-testid="session-time">
                Session: <time datetime={at()}>{formatSessionTime(at(), booking().endsAt)}</time>
              </p>
            )}
          </Show>
        </div>
        <StatusBadge status={booking().status} />
      </header>

      <Show when={booking().message}>
        <blockquote class="message">
          <span class="visually-hidden">Message from {booking().mentee.name}: </span>
          {booking().message}
        </blockquote>
      </Show>

      <Show when={booking().status === "DECLINED"}>
        <p class="decline-reason">
          <strong>Declined</strong>
          {booking().declineReason ? `: ${booking().declineReason}` : "."}
          <Show when={props.perspective === "mentee" && !booking().refund && !booking().chargedBack}>
            {" "}
            The hold on your card is released: you were not charged.
          </Show>
        </p>
      </Show>

      <Show when={booking().refund}>{(refund) => <RefundState refund={refund()} perspective={props.perspective} />}</Show>

      <Show when={booking().chargedBack}>
        {(returned) => (
          <p class="charged-back">
            {props.perspective === "mentee"
              ? `Your bank returned ${returned().formatted} to you after your card dispute; it is not refunded again.`
              : `${booking().mentee.name}'s bank returned ${returned().formatted} to them after a card dispute; it is not refunded again.`}
          </p>
        )}
      </Show>

      <Show when={booking().status === "CONFIRMED" && booking().session}>
        {(session) => <JoinButton session={session()} startsAt={booking().startsAt} endsAt={booking().endsAt} />}
      </Show>

      <Show when={booking().session}>{(session) => <SessionLinks session={session()} />}</Show>

      {/* Keyed by booking id: open forms, typed text, pending buttons and errors belong to this booking. */}
      <Show when={booking().id} keyed>
        {(_id) => <BookingActions booking={booking()} perspective={props.perspective} />}
      </Show>

      <BookingHistory events={booking().history} open={props.historyOpen} />
    </article>
  );
}

function BookingHistory(props: { events: readonly FragmentType<typeof BookingHistoryFragment>[]; open?: boolean | undefined }) {
  const events = () => getFragmentData(BookingHistoryFragment, props.events);
  return (
    <details class="history" open={props.open}>
      <summary>History ({events().length})</summary>
      <ol>
        <For each={events()}>
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
  );
}

function SessionLinks(props: { session: FragmentType<typeof SessionLinksFragment> }) {
  const session = () => getFragmentData(SessionLinksFragment, props.session);
  return (
    <Show when={session().availabilityLink || session().meetingLink}>
      <section class="links" aria-label="Session links">
        <LinkCard href={session().availabilityLink} label="Pick a time" />
        <LinkCard href={session().meetingLink} label="Join the meeting" />
      </section>
    </Show>
  );
}

function LinkCard(props: { href: string | null | undefined; label: string }) {
  return (
    <Show when={props.href}>
      {(href) => (
        <a class="link-card" href={href()} target="_blank" rel="noopener noreferrer">
          <span class="link-label">{props.label}</span>
          <span class="link-url">{href()}</span>
          <span class="visually-hidden"> (opens in a new tab)</span>
        </a>
      )}
    </Show>
  );
}

/** "Join now": the meeting link, from 10 minutes before the recorded start until its end. */
function JoinButton(props: {
  session: FragmentType<typeof SessionLinksFragment>;
  startsAt: string | null | undefined;
  endsAt: string | null | undefined;
}) {
  const session = () => getFragmentData(SessionLinksFragment, props.session);
  return (
    <Show when={session().meetingLink && isJoinable(props.startsAt, props.endsAt)}>
      <p class="join">
        <a class="button" href={session().meetingLink!} target="_blank" rel="noopener noreferrer" data-testid="join">
          Join the session now<span class="visually-hidden"> (opens in a new tab)</span>
        </a>
      </p>
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
            {props.perspective === "mentor"
              ? ", or it expires and the hold on the mentee's card is released."
              : "; otherwise the hold on your card is released and you are not charged."}
          </>
        )}
      </Show>
    </p>
  );
}
