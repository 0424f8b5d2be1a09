// The buttons and inline forms of one booking, shown only when Booking.viewerCan allows them.
// Every action goes through the booking transitions (transitions.ts), whose state is kept by
// booking id; errors are shown inline, next to the booking, in our own words.
import { For, Show, createEffect, createSignal, on, onCleanup } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { fieldMessage } from "../../lib/errors";
import { Field, describedBy, FormError, SavedNotice, SubmitButton } from "../../components/ui";
import { formatDateTime, formatSessionTime, toLocalInput, viewerTimeZone } from "../../lib/format";
import { createForm, text } from "../../components/form";
import { useTransitions, type Transition } from "./transitions";

export const BookingActionsFragment = graphql(`
  fragment BookingActions on Booking {
    id
    status
    viewerCan
    checkoutUrl
    title
    price {
      formatted
    }
    mentor {
      name
    }
    mentee {
      name
    }
    cancellation {
      outcome
      fullRefundUntil
      refund {
        amountCents
        formatted
      }
    }
    ...DeclineForm
    ...LinksForm
    ...ScheduleForm
  }
`);

const ScheduleFormFragment = graphql(`
  fragment ScheduleForm on Booking {
    id
    startsAt
    durationMinutes
  }
`);

const DeclineFormFragment = graphql(`
  fragment DeclineForm on Booking {
    id
    title
    price {
      formatted
    }
    mentee {
      name
    }
  }
`);

const LinksFormFragment = graphql(`
  fragment LinksForm on Booking {
    id
    session {
      availabilityLink
      meetingLink
    }
  }
`);

/** The transitions started by a button (their errors show under the buttons). */
const BUTTONS: readonly Transition[] = ["CONFIRM", "COMPLETE", "CANCEL"];

/** The row of buttons, in order: those with a busy label run at once, the others open a form first. */
const ROW: { action: Transition; label: string; busyLabel?: string }[] = [
  { action: "CONFIRM", label: "Confirm", busyLabel: "Confirming…" },
  { action: "DECLINE", label: "Decline…" },
  { action: "SCHEDULE", label: "Set the session time…" },
  { action: "COMPLETE", label: "Mark complete", busyLabel: "Saving…" },
  { action: "CANCEL", label: "Cancel booking…" },
];

/** Escape closes an open inline form, like a dialog. */
function onEscape(close: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
}

/** "“Intro call” with Tess Mentee": how a confirmation names the booking it acts on. */
function bookingName(title: string, other: string): string {
  return `“${title}” with ${other}`;
}

/** Focus the booking's own heading: after an action its buttons change or go away. */
function focusBooking(id: string) {
  queueMicrotask(() => document.getElementById(`booking-${id}-title`)?.focus());
}

/** Rendered keyed by booking id (BookingCard): `id` below never changes for this component. */
export function BookingActions(props: { booking: FragmentType<typeof BookingActionsFragment>; perspective: "mentor" | "mentee" }) {
  const booking = () => getFragmentData(BookingActionsFragment, props.booking);
  const id = booking().id;
  const transitions = useTransitions();
  const can = (action: string) => booking().viewerCan.includes(action as never);
  const busy = (action: Transition) => transitions.state(id, action).busy;
  const error = () => BUTTONS.map((action) => transitions.state(id, action).message).find(Boolean);
  /** The inline form or confirmation open on this booking, if any. */
  const [opened, setOpened] = createSignal<Transition | null>(null);
  const openers: Partial<Record<Transition, HTMLButtonElement>> = {};
  // A new card starts clean; a transition still running keeps its state and lands here.
  transitions.forget(id);
  onCleanup(() => transitions.forget(id));
  // An error belongs to what the booking allowed when it happened: once that changes (links
  // saved, another tab acted), it no longer applies.
  createEffect(
    on(
      () => booking().viewerCan.join(" "),
      () => transitions.clear(id, BUTTONS),
      { defer: true },
    ),
  );

  const act = async (action: Transition) => {
    transitions.clear(id, BUTTONS);
    const outcome = await transitions.run(id, action, { id });
    if (outcome.ok) focusBooking(id);
    return outcome;
  };
  /** Open an inline form or confirmation: the buttons' last error no longer applies. */
  const open = (action: Transition) => {
    transitions.clear(id, BUTTONS);
    setOpened(action);
  };
  /** Close it: focus goes back to the button that opened it. */
  const close = () => {
    const which = opened();
    setOpened(null);
    // The opener is drawn anew once the form closes: focus the new button.
    queueMicrotask(() => (which ? openers[which]?.focus() : undefined));
  };
  const onCancel = async () => {
    const outcome = await act("CANCEL");
    // Done: the buttons are gone and focus is on this booking, where the refund now shows.
    if (outcome.ok) setOpened(null);
    else close();
  };

  return (
    <div class="actions-area">
      <Show when={can("PAY") && booking().checkoutUrl}>
        {(url) => (
          <p>
            {/* rel=external: checkout is another site (Stripe, or the server's simulator), not a route. */}
            <a class="button" href={url()} rel="external">
              Pay {booking().price.formatted}
            </a>
          </p>
        )}
      </Show>
      <div class="actions">
        <For each={ROW}>
          {(button) => (
            <Show when={can(button.action) && opened() !== button.action}>
              <Show
                when={button.busyLabel}
                fallback={
                  <OpenButton ref={(el) => (openers[button.action] = el)} label={button.label} onOpen={() => open(button.action)} />
                }
              >
                {(busyLabel) => (
                  <SubmitButton
                    busy={busy(button.action)}
                    busyLabel={busyLabel()}
                    label={button.label}
                    onClick={() => act(button.action)}
                  />
                )}
              </Show>
            </Show>
          )}
        </For>
      </div>
      <FormError message={error()} />
      <Show when={can("CANCEL") && opened() === "CANCEL"}>
        <fieldset class="inline-form confirm-cancel" aria-labelledby={`cancel-${id}-title`} onKeyDown={onEscape(close)}>
          <p id={`cancel-${id}-title`}>
            <strong>
              Cancel {bookingName(booking().title, props.perspective === "mentor" ? booking().mentee.name : booking().mentor.name)}?
            </strong>{" "}
            <span data-testid="cancel-terms">{cancelTerms(booking(), props.perspective)}</span> This cannot be undone.
          </p>
          <div class="actions">
            <button
              type="button"
              class="button button-danger"
              ref={(el) => queueMicrotask(() => el.focus())}
              disabled={busy("CANCEL")}
              onClick={onCancel}
            >
              {busy("CANCEL") ? "Cancelling…" : "Yes, cancel booking"}
            </button>
            <button type="button" class="button button-secondary" onClick={close}>
              Keep booking
            </button>
          </div>
        </fieldset>
      </Show>
      <Show when={can("DECLINE") && opened() === "DECLINE"}>
        <DeclineForm booking={booking()} onClose={close} />
      </Show>
      <Show when={can("SCHEDULE") && opened() === "SCHEDULE"}>
        <ScheduleForm booking={booking()} onClose={close} />
      </Show>
      <Show when={can("ADD_LINKS")}>
        <LinksForm booking={booking()} />
      </Show>
    </div>
  );
}

type Cancellable = { status: string; price: { formatted: string }; mentee: { name: string } } & {
  cancellation?: { outcome: string; fullRefundUntil?: string | null; refund: { amountCents: number; formatted: string } } | null;
};

/** What cancelling gives back, in words, from Booking.cancellation (the API applies the policy). */
function cancelTerms(booking: Cancellable, perspective: "mentor" | "mentee"): string {
  const terms = booking.cancellation;
  if (terms?.outcome === "CHARGED_BACK") {
    const whose = perspective === "mentor" ? `${booking.mentee.name}'s bank` : "Your bank";
    const rest = terms.refund.amountCents > 0 ? ` Only the other ${terms.refund.formatted} is refunded.` : " Nothing more is refunded.";
    return `${whose} already returned the payment after a card dispute.${rest}`;
  }
  if (perspective === "mentor")
    return `${booking.mentee.name} is refunded ${terms?.refund.formatted ?? booking.price.formatted} in full and told.`;
  if (!terms || terms.outcome === "NOTHING_CHARGED") {
    return booking.status === "AWAITING_PAYMENT"
      ? "Nothing has been charged."
      : `Nothing has been charged: the ${booking.price.formatted} held on your card is released.`;
  }
  if (terms.outcome === "FULL_REFUND") {
    return `You will be refunded ${terms.refund.formatted} in full${terms.fullRefundUntil ? ` (cancelling after ${formatDateTime(terms.fullRefundUntil)} refunds nothing)` : ""}.`;
  }
  return `The session starts soon: by the cancellation policy nothing is refunded (a full refund was possible until ${formatDateTime(terms.fullRefundUntil)}).`;
}

/** The button that opens an inline form (focus returns to it when the form closes). */
function OpenButton(props: { ref: (el: HTMLButtonElement) => void; label: string; onOpen: () => void }) {
  return (
    <button type="button" class="button button-secondary" ref={props.ref} onClick={() => props.onOpen()}>
      {props.label}
    </button>
  );
}

function DeclineForm(props: { booking: FragmentType<typeof DeclineFormFragment>; onClose: () => void }) {
  const booking = () => getFragmentData(DeclineFormFragment, props.booking);
  const bookingId = booking().id;
  const transitions = useTransitions();
  // Opened anew: no error from an earlier opening (a decline still running keeps its state).
  transitions.forget(bookingId, ["DECLINE"]);
  const form = createForm({ labels: { reason: "Reason" }, store: transitions.store(bookingId, "DECLINE") });
  const id = `decline-${bookingId}`;

  const submit = form.submit(async (values) => {
    const reason = text(values, "reason");
    const outcome = await transitions.execute("DECLINE", { id: bookingId, reason: reason || null });
    if (outcome.ok) focusBooking(bookingId);
    return outcome;
  });

  return (
    <form class="inline-form" onSubmit={submit} onKeyDown={onEscape(() => props.onClose())} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} class="form-title">
        <strong>Decline {bookingName(booking().title, booking().mentee.name)}?</strong> The {booking().price.formatted} held on{" "}
        {booking().mentee.name}’s card is released: they are not charged.
      </p>
      <Field id={id} label="Reason for declining (shown to the mentee)" error={form.fieldError("reason")}>
        <textarea
          id={id}
          name="reason"
          ref={(el) => queueMicrotask(() => el.focus())}
          rows="3"
          maxLength={1000}
          {...describedBy(id, form.fieldError("reason"))}
        />
      </Field>
      <FormError message={form.error()} />
      <div class="actions">
        <SubmitButton class="button button-danger" busy={form.busy()} busyLabel="Declining…" label="Decline and release the hold" />
        <button type="button" class="button button-secondary" onClick={() => props.onClose()}>
          Keep booking
        </button>
      </div>
    </form>
  );
}

const LINKS = {
  availabilityLink: {
    label: "Availability link",
    hint: "Where the mentee picks a time, e.g. a calendar appointment page.",
    placeholder: "https://calendar.app.google/…",
  },
  meetingLink: {
    label: "Meeting link",
    hint: "Where the session happens, e.g. Google Meet.",
    placeholder: "https://meet.google.com/…",
  },
} as const;
type LinkName = keyof typeof LINKS;
const LINK_NAMES = Object.keys(LINKS) as LinkName[];
const LINK_LABELS = { availabilityLink: LINKS.availabilityLink.label, meetingLink: LINKS.meetingLink.label };

/** The rule a session link breaks (the API's ValidationError.rule), if any. */
function linkRule(value: string): string | null {
  if (!value) return "required";
  if (value.length > 2048) return "max_length";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "url";
  }
  if (url.protocol !== "https:") return "https";
  if (url.username || url.password) return "no_credentials";
  return null;
}

/** Every link's error at once, by the server's rules; the server still decides. */
function checkLinks(values: FormData): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of LINK_NAMES) {
    const rule = linkRule(text(values, name));
    if (rule) errors[name] = fieldMessage({ __typename: "ValidationError", field: name, rule }, LINKS[name].label);
  }
  return errors;
}

/** One https link input of the links form, with its hint and inline error. */
function LinkField(props: { base: string; name: LinkName; value: string | null | undefined; error: string | undefined }) {
  const id = () => `${props.base}-${props.name}`;
  const spec = () => LINKS[props.name];
  return (
    <Field id={id()} label={spec().label} hint={spec().hint} error={props.error}>
      <input
        id={id()}
        name={props.name}
        type="url"
        inputMode="url"
        autocomplete="off"
        spellcheck={false}
        placeholder={spec().placeholder}
        value={props.value ?? ""}
        {...describedBy(id(), props.error, true)}
      />
    </Field>
  );
}

function LinksForm(props: { booking: FragmentType<typeof LinksFormFragment> }) {
  const booking = () => getFragmentData(LinksFormFragment, props.booking);
  const bookingId = booking().id;
  const transitions = useTransitions();
  const form = createForm({ labels: LINK_LABELS, store: transitions.store(bookingId, "ADD_LINKS") });
  const base = `links-${bookingId}`;
  const hasLinks = () => Boolean(booking().session?.meetingLink);

  const submit = form.submit(
    (values) =>
      transitions.execute("ADD_LINKS", {
        id: bookingId,
        availabilityLink: text(values, "availabilityLink"),
        meetingLink: text(values, "meetingLink"),
      }),
    checkLinks,
  );

  return (
    <form class="inline-form links-form" onSubmit={submit} noValidate aria-label="Session links">
      <h4>{hasLinks() ? "Session links" : "Add the session links"}</h4>
      <p class="hint">The mentee sees both links on their booking page.</p>
      <LinkField
        base={base}
        name="availabilityLink"
        value={booking().session?.availabilityLink}
        error={form.fieldError("availabilityLink")}
      />
      <LinkField base={base} name="meetingLink" value={booking().session?.meetingLink} error={form.fieldError("meetingLink")} />
      <FormError message={form.error()} />
      <div class="actions">
        <SubmitButton busy={form.busy()} busyLabel="Saving…" label={hasLinks() ? "Update links" : "Save links"} />
        <SavedNotice when={form.done()} />
      </div>
    </form>
  );
}

/** Records (or changes) when the session starts: a local date and time, sent as UTC. */
function ScheduleForm(props: { booking: FragmentType<typeof ScheduleFormFragment>; onClose: () => void }) {
  const booking = () => getFragmentData(ScheduleFormFragment, props.booking);
  const bookingId = booking().id;
  const transitions = useTransitions();
  transitions.forget(bookingId, ["SCHEDULE"]);
  const form = createForm({ labels: { startsAt: "Session start" }, store: transitions.store(bookingId, "SCHEDULE") });
  const id = `schedule-${bookingId}`;
  const zone = viewerTimeZone();

  const submit = form.submit(
    async (values) => {
      const startsAt = new Date(text(values, "startsAt")).toISOString();
      const outcome = await transitions.execute("SCHEDULE", { id: bookingId, startsAt });
      if (outcome.ok) {
        props.onClose();
        focusBooking(bookingId);
      }
      return outcome;
    },
    (values): Record<string, string> => {
      const raw = text(values, "startsAt");
      const at = raw ? new Date(raw).getTime() : Number.NaN;
      if (Number.isNaN(at)) return { startsAt: "Pick the date and time the mentee chose." };
      if (at <= Date.now()) return { startsAt: "The session must start in the future." };
      return {};
    },
  );

  return (
    <form class="inline-form" onSubmit={submit} noValidate onKeyDown={onEscape(() => props.onClose())} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} class="form-title">
        <strong>{booking().startsAt ? "Change the session time" : "When is the session?"}</strong> Enter the time picked with the
        availability link; it lasts {booking().durationMinutes} min. The other side is emailed, and both get a reminder before it starts.
      </p>
      <Field id={id} label={`Session start (your time zone: ${zone})`} error={form.fieldError("startsAt")}>
        <input
          id={id}
          name="startsAt"
          type="datetime-local"
          ref={(el) => queueMicrotask(() => el.focus())}
          value={toLocalInput(booking().startsAt)}
          {...describedBy(id, form.fieldError("startsAt"))}
        />
      </Field>
      <Show when={booking().startsAt}>{(at) => <p class="hint">Now: {formatSessionTime(at(), null)}</p>}</Show>
      <FormError message={form.error()} />
      <div class="actions">
        <SubmitButton busy={form.busy()} busyLabel="Saving…" label="Save the time" />
        <button type="button" class="button button-secondary" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </form>
  );
}
