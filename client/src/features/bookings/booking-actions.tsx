// The buttons of one booking, shown only when Booking.viewerCan allows them. Every mutation
// result is read by __typename; errors are shown inline in our own words.
import { Show, createSignal } from "solid-js";
import { createMutation } from "@urql/solid";
import { graphql } from "../../gql";
import type { BookingFieldsFragment } from "../../gql/graphql";
import { errorMessage, fieldMessage, NETWORK_ERROR } from "../../lib/errors";
import { Field, describedBy } from "../../components/ui";

const ConfirmDocument = graphql(`
  mutation ConfirmBooking($id: ID!) {
    confirmBooking(id: $id) {
      __typename
      ... on ConfirmBookingSuccess {
        booking {
          ...BookingFields
        }
      }
      ... on Error {
        code
      }
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
      ... on ValidationError {
        field
        rule
      }
      ... on Error {
        code
      }
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
      ... on Error {
        code
      }
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
      ... on Error {
        code
      }
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
      ... on ValidationError {
        field
        rule
      }
      ... on Error {
        code
      }
    }
  }
`);

type Booking = BookingFieldsFragment;

export function BookingActions(props: { booking: Booking }) {
  const can = (action: Booking["viewerCan"][number]) => props.booking.viewerCan.includes(action);
  const [error, setError] = createSignal<string>();
  const [declining, setDeclining] = createSignal(false);
  const [confirmState, confirm] = createMutation(ConfirmDocument);
  const [completeState, complete] = createMutation(CompleteDocument);
  const [cancelState, cancel] = createMutation(CancelDocument);

  const onConfirm = async () => {
    setError();
    const result = await confirm({ id: props.booking.id });
    const data = result.data?.confirmBooking;
    if (data?.__typename !== "ConfirmBookingSuccess") setError(errorMessage(data));
  };
  const onComplete = async () => {
    setError();
    const result = await complete({ id: props.booking.id });
    const data = result.data?.completeBooking;
    if (data?.__typename === "InvalidTransitionError" && !props.booking.session?.meetingLink) {
      setError("Add the availability and meeting links before marking the session complete.");
    } else if (data?.__typename !== "CompleteBookingSuccess") setError(errorMessage(data));
  };
  const onCancel = async () => {
    setError();
    const result = await cancel({ id: props.booking.id });
    const data = result.data?.cancelBooking;
    if (data?.__typename !== "CancelBookingSuccess") setError(errorMessage(data));
  };

  return (
    <div class="actions-area">
      <Show when={can("pay") && props.booking.checkoutUrl}>
        {(url) => (
          <p>
            <a class="button" href={url()}>
              Pay {props.booking.price.formatted}
            </a>
          </p>
        )}
      </Show>
      <div class="actions">
        <Show when={can("confirm")}>
          <button type="button" class="button" disabled={confirmState.fetching} onClick={onConfirm}>
            {confirmState.fetching ? "Confirming…" : "Confirm"}
          </button>
        </Show>
        <Show when={can("decline") && !declining()}>
          <button type="button" class="button button-secondary" onClick={() => setDeclining(true)}>
            Decline…
          </button>
        </Show>
        <Show when={can("complete")}>
          <button type="button" class="button" disabled={completeState.fetching} onClick={onComplete}>
            {completeState.fetching ? "Saving…" : "Mark complete"}
          </button>
        </Show>
        <Show when={can("cancel")}>
          <button type="button" class="button button-secondary" disabled={cancelState.fetching} onClick={onCancel}>
            Cancel booking
          </button>
        </Show>
      </div>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={can("decline") && declining()}>
        <DeclineForm booking={props.booking} onClose={() => setDeclining(false)} />
      </Show>
      <Show when={can("addLinks")}>
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
    const reason = textarea!.value.trim();
    const result = await decline({ id: props.booking.id, reason: reason || null });
    const data = result.data?.declineBooking;
    if (!data) setError(NETWORK_ERROR);
    else if (data.__typename === "ValidationError" && data.field === "reason") setReasonError(fieldMessage(data, "Reason"));
    else if (data.__typename !== "DeclineBookingSuccess") setError(errorMessage(data));
  };

  return (
    <form class="inline-form" onSubmit={submit} aria-label="Decline this booking">
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
      <p class="hint">The mentee is refunded in full.</p>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="button button-danger" disabled={state.fetching}>
          {state.fetching ? "Declining…" : "Decline and refund"}
        </button>
        <button type="button" class="button button-secondary" onClick={() => props.onClose()}>
          Keep booking
        </button>
      </div>
    </form>
  );
}

const LINK_LABELS = { availabilityLink: "Availability link", meetingLink: "Meeting link" } as const;

function LinksForm(props: { booking: Booking }) {
  const [state, save] = createMutation(LinksDocument);
  const [fieldErrors, setFieldErrors] = createSignal<Partial<Record<keyof typeof LINK_LABELS, string>>>({});
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal(false);
  const base = `links-${props.booking.id}`;
  const hasLinks = () => Boolean(props.booking.session?.meetingLink);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = new FormData(form);
    setError();
    setSaved(false);
    setFieldErrors({});
    const result = await save({
      id: props.booking.id,
      availabilityLink: String(values.get("availabilityLink") ?? "").trim(),
      meetingLink: String(values.get("meetingLink") ?? "").trim(),
    });
    const data = result.data?.addBookingLinks;
    if (!data) return setError(NETWORK_ERROR);
    if (data.__typename === "AddBookingLinksSuccess") return setSaved(true);
    if (data.__typename === "ValidationError" && data.field in LINK_LABELS) {
      const field = data.field as keyof typeof LINK_LABELS;
      setFieldErrors({ [field]: fieldMessage(data, LINK_LABELS[field]) });
      form.querySelector<HTMLInputElement>(`[name=${field}]`)?.focus();
      return;
    }
    setError(errorMessage(data));
  };

  return (
    <form class="inline-form links-form" onSubmit={submit} noValidate aria-label="Session links">
      <h4>{hasLinks() ? "Session links" : "Add the session links"}</h4>
      <p class="hint">The mentee sees both links on their booking page.</p>
      <Field
        id={`${base}-availability`}
        label="Availability link"
        hint="Where the mentee picks a time, e.g. a calendar appointment page."
        error={fieldErrors().availabilityLink}
      >
        <input
          id={`${base}-availability`}
          name="availabilityLink"
          type="url"
          inputMode="url"
          autocomplete="url"
          placeholder="https://calendar.app.google/…"
          value={props.booking.session?.availabilityLink ?? ""}
          {...describedBy(`${base}-availability`, fieldErrors().availabilityLink, true)}
        />
      </Field>
      <Field
        id={`${base}-meeting`}
        label="Meeting link"
        hint="Where the session happens, e.g. Google Meet."
        error={fieldErrors().meetingLink}
      >
        <input
          id={`${base}-meeting`}
          name="meetingLink"
          type="url"
          inputMode="url"
          placeholder="https://meet.google.com/…"
          value={props.booking.session?.meetingLink ?? ""}
          {...describedBy(`${base}-meeting`, fieldErrors().meetingLink, true)}
        />
      </Field>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
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
