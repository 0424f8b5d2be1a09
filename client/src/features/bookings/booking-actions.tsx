// The buttons of one booking, shown only when Booking.viewerCan allows them. Every mutation
// result is read by __typename; errors are shown inline in our own words.
import { Show, createEffect, createSignal, on } from "solid-js";
import { createMutation } from "@urql/solid";
import { graphql } from "../../gql";
import type { BookingFieldsFragment } from "../../gql/graphql";
import { errorMessage, fieldMessage, NETWORK_ERROR } from "../../lib/errors";
import { Field, describedBy, FormError, SubmitButton } from "../../components/ui";

const ConfirmDocument = graphql(`
  mutation ConfirmBooking($id: ID!) {
    confirmBooking(id: $id) {
      __typename
      ... on ConfirmBookingSuccess {
        booking {
          ...BookingFields
        }
      }
      ...MutationError
    }
  }
`);

const DeclineDocument = graphql(`
  mutation DeclineBooking($id: ID!, $reason: String) {
    declineBooking(id: $id, reason: $reason) {
      __typename
      ... on DeclineBookingSuccess {
        booking {
          ...BookingFields
        }
      }
      ...MutationError
    }
  }
`);

const CompleteDocument = graphql(`
  mutation CompleteBooking($id: ID!) {
    completeBooking(id: $id) {
      __typename
      ... on CompleteBookingSuccess {
        booking {
          ...BookingFields
        }
      }
      ...MutationError
    }
  }
`);

const CancelDocument = graphql(`
  mutation CancelBooking($id: ID!) {
    cancelBooking(id: $id) {
      __typename
      ... on CancelBookingSuccess {
        booking {
          ...BookingFields
        }
      }
      ...MutationError
    }
  }
`);

const LinksDocument = graphql(`
  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {
    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {
      __typename
      ... on AddBookingLinksSuccess {
        booking {
          ...BookingFields
        }
      }
      ...MutationError
    }
  }
`);

type Booking = BookingFieldsFragment;
type Action = Booking["viewerCan"][number];

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
export function bookingName(booking: Booking, perspective: "mentor" | "mentee"): string {
  const other = perspective === "mentor" ? booking.mentee.name : booking.mentor.name;
  return `“${booking.title}” with ${other}`;
}

/** Focus the booking's own heading: after an action its buttons change or go away. */
function focusBooking(id: string) {
  queueMicrotask(() => document.getElementById(`booking-${id}-title`)?.focus());
}

export function BookingActions(props: { booking: Booking }) {
  const can = (action: Action) => props.booking.viewerCan.includes(action);
  const [error, setError] = createSignal<string>();
  const [declining, setDeclining] = createSignal(false);
  const [confirmState, confirm] = createMutation(ConfirmDocument);
  const [completeState, complete] = createMutation(CompleteDocument);
  const [cancelState, cancel] = createMutation(CancelDocument);
  // An error belongs to what the booking allowed when it happened: once that changes (links
  // saved, another tab acted), it no longer applies.
  createEffect(
    on(
      () => props.booking.viewerCan.join(" "),
      () => setError(),
      { defer: true },
    ),
  );

  const onConfirm = async () => {
    setError();
    const id = props.booking.id;
    const result = await confirm({ id });
    const data = result.data?.confirmBooking;
    if (data?.__typename !== "ConfirmBookingSuccess") setError(errorMessage(data));
    else focusBooking(id);
  };
  const onComplete = async () => {
    setError();
    const id = props.booking.id;
    const result = await complete({ id });
    const data = result.data?.completeBooking;
    if (data?.__typename !== "CompleteBookingSuccess") setError(errorMessage(data));
    else focusBooking(id);
  };
  let declineButton: HTMLButtonElement | undefined;
  const closeDecline = () => {
    setDeclining(false);
    queueMicrotask(() => declineButton?.focus());
  };
  const [cancelling, setCancelling] = createSignal(false);
  let cancelButton: HTMLButtonElement | undefined;
  const closeCancel = () => {
    setCancelling(false);
    queueMicrotask(() => cancelButton?.focus());
  };
  const onCancel = async () => {
    setError();
    const id = props.booking.id;
    const result = await cancel({ id });
    const data = result.data?.cancelBooking;
    if (data?.__typename === "CancelBookingSuccess") {
      setCancelling(false);
      // The buttons are gone: keep keyboard focus on this booking, where the refund now shows.
      focusBooking(id);
    } else {
      setError(errorMessage(data));
      closeCancel();
    }
  };

  return (
    <div class="actions-area">
      <Show when={can("PAY") && props.booking.checkoutUrl}>
        {(url) => (
          <p>
            {/* rel=external: checkout is another site (Stripe, or the server's simulator), not a route. */}
            <a class="button" href={url()} rel="external">
              Pay {props.booking.price.formatted}
            </a>
          </p>
        )}
      </Show>
      <div class="actions">
        <Show when={can("CONFIRM")}>
          <button type="button" class="button" disabled={confirmState.fetching} onClick={onConfirm}>
            {confirmState.fetching ? "Confirming…" : "Confirm"}
          </button>
        </Show>
        <Show when={can("DECLINE") && !declining()}>
          <button
            type="button"
            class="button button-secondary"
            ref={declineButton}
            onClick={() => {
              setError();
              setDeclining(true);
            }}
          >
            Decline…
          </button>
        </Show>
        <Show when={can("COMPLETE")}>
          <button type="button" class="button" disabled={completeState.fetching} onClick={onComplete}>
            {completeState.fetching ? "Saving…" : "Mark complete"}
          </button>
        </Show>
        <Show when={can("CANCEL") && !cancelling()}>
          <button
            type="button"
            class="button button-secondary"
            ref={cancelButton}
            onClick={() => {
              setError();
              setCancelling(true);
            }}
          >
            Cancel booking…
          </button>
        </Show>
      </div>
      <FormError message={error()} />
      <Show when={can("CANCEL") && cancelling()}>
        <fieldset class="inline-form confirm-cancel" aria-labelledby={`cancel-${props.booking.id}-title`} onKeyDown={onEscape(closeCancel)}>
          <p id={`cancel-${props.booking.id}-title`}>
            <strong>Cancel {bookingName(props.booking, "mentee")}?</strong>{" "}
            {props.booking.status === "AWAITING_PAYMENT"
              ? "Nothing has been charged."
              : `You will be refunded ${props.booking.price.formatted} in full.`}{" "}
            This cannot be undone.
          </p>
          <div class="actions">
            <button
              type="button"
              class="button button-danger"
              ref={(el) => queueMicrotask(() => el.focus())}
              disabled={cancelState.fetching}
              onClick={onCancel}
            >
              {cancelState.fetching ? "Cancelling…" : "Yes, cancel booking"}
            </button>
            <button type="button" class="button button-secondary" onClick={closeCancel}>
              Keep booking
            </button>
          </div>
        </fieldset>
      </Show>
      <Show when={can("DECLINE") && declining()}>
        <DeclineForm booking={props.booking} onClose={closeDecline} />
      </Show>
      <Show when={can("ADD_LINKS")}>
        <LinksForm booking={props.booking} />
      </Show>
    </div>
  );
}

function DeclineForm(props: { booking: Booking; onClose: () => void }) {
  const [state, decline] = createMutation(DeclineDocument);
  const [reasonError, setReasonError] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const id = `decline-${props.booking.id}`;
  let textarea: HTMLTextAreaElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError();
    setReasonError();
    const bookingId = props.booking.id;
    const reason = textarea!.value.trim();
    const result = await decline({ id: bookingId, reason: reason || null });
    const data = result.data?.declineBooking;
    if (!data) setError(NETWORK_ERROR);
    else if (data.__typename === "ValidationError" && data.field === "reason") setReasonError(fieldMessage(data, "Reason"));
    else if (data.__typename !== "DeclineBookingSuccess") setError(errorMessage(data));
    else focusBooking(bookingId);
  };

  return (
    <form class="inline-form" onSubmit={submit} onKeyDown={onEscape(() => props.onClose())} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} class="form-title">
        <strong>Decline {bookingName(props.booking, "mentor")}?</strong> {props.booking.mentee.name} is refunded{" "}
        {props.booking.price.formatted} in full.
      </p>
      <Field id={id} label="Reason for declining (shown to the mentee)" error={reasonError()}>
        <textarea
          id={id}
          ref={(el) => {
            textarea = el;
            queueMicrotask(() => el.focus());
          }}
          rows="3"
          maxLength={1000}
          {...describedBy(id, reasonError())}
        />
      </Field>
      <FormError message={error()} />
      <div class="actions">
        <SubmitButton class="button button-danger" busy={state.fetching} busyLabel="Declining…" label="Decline and refund" />
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

function LinksForm(props: { booking: Booking }) {
  const [state, save] = createMutation(LinksDocument);
  const [fieldErrors, setFieldErrors] = createSignal<Partial<Record<LinkName, string>>>({});
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);
  const base = `links-${props.booking.id}`;
  const hasLinks = () => Boolean(props.booking.session?.meetingLink);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = new FormData(form);
    const links = {
      availabilityLink: String(values.get("availabilityLink") ?? "").trim(),
      meetingLink: String(values.get("meetingLink") ?? "").trim(),
    };
    setError();
    setSaved(false);
    // Every field's error at once, by the server's rules; the server still decides.
    const errors: Partial<Record<LinkName, string>> = {};
    for (const name of Object.keys(LINKS) as LinkName[]) {
      const rule = linkRule(links[name]);
      if (rule) errors[name] = fieldMessage({ __typename: "ValidationError", field: name, rule }, LINKS[name].label);
    }
    setFieldErrors(errors);
    const first = (Object.keys(LINKS) as LinkName[]).find((name) => errors[name]);
    if (first) return form.querySelector<HTMLInputElement>(`[name=${first}]`)?.focus();
    const result = await save({ id: props.booking.id, ...links });
    const data = result.data?.addBookingLinks;
    if (!data) return setError(NETWORK_ERROR);
    if (data.__typename === "AddBookingLinksSuccess") return setSaved(true);
    if (data.__typename === "ValidationError" && data.field in LINKS) {
      const field = data.field as LinkName;
      setFieldErrors({ [field]: fieldMessage(data, LINKS[field].label) });
      form.querySelector<HTMLInputElement>(`[name=${field}]`)?.focus();
      return;
    }
    setError(errorMessage(data));
  };

  return (
    <form class="inline-form links-form" onSubmit={submit} noValidate aria-label="Session links">
      <h4>{hasLinks() ? "Session links" : "Add the session links"}</h4>
      <p class="hint">The mentee sees both links on their booking page.</p>
      <LinkField
        base={base}
        name="availabilityLink"
        value={props.booking.session?.availabilityLink}
        error={fieldErrors().availabilityLink}
      />
      <LinkField base={base} name="meetingLink" value={props.booking.session?.meetingLink} error={fieldErrors().meetingLink} />
      <FormError message={error()} />
      <div class="actions">
        <button type="submit" class="button" disabled={state.fetching}>
          {state.fetching ? "Saving…" : hasLinks() ? "Update links" : "Save links"}
        </button>
        <Show when={saved()}>
          <span class="saved" role="status">
            Saved
          </span>
        </Show>
      </div>
    </form>
  );
}
