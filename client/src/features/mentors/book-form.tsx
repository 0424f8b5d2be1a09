// requestBooking with a message, then off to checkoutUrl to pay.
import { createSignal } from "solid-js";
import { createMutation } from "@urql/solid";
import { graphql } from "../../gql";
import { errorMessage, fieldMessage, NETWORK_ERROR } from "../../lib/errors";
import { Field, describedBy, FormError, SubmitButton } from "../../components/ui";

const RequestBookingDocument = graphql(`
  mutation RequestBooking($sessionTypeId: ID!, $message: String) {
    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {
      __typename
      ... on RequestBookingPayload {
        checkoutUrl
        booking {
          id
          status
        }
      }
      ...MutationError
    }
  }
`);

export function BookForm(props: { sessionTypeId: string; mentorName: string; price: string; onCancel: () => void }) {
  const [state, request] = createMutation(RequestBookingDocument);
  const [messageError, setMessageError] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const [leaving, setLeaving] = createSignal(false);
  const id = `message-${props.sessionTypeId}`;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = new FormData(event.currentTarget as HTMLFormElement);
    setError();
    setMessageError();
    const message = String(values.get("message") ?? "").trim();
    const result = await request({ sessionTypeId: props.sessionTypeId, message: message || null });
    const data = result.data?.requestBooking;
    if (!data) return setError(NETWORK_ERROR);
    if (data.__typename === "RequestBookingPayload") {
      setLeaving(true);
      window.location.assign(data.checkoutUrl);
      return;
    }
    if (data.__typename === "ValidationError" && data.field === "message") return setMessageError(fieldMessage(data, "Message"));
    setError(errorMessage(data));
  };

  return (
    <form class="inline-form" onSubmit={submit} aria-label={`Book with ${props.mentorName}`}>
      <Field id={id} label={`Message to ${props.mentorName}`} hint="What would you like to work on? (optional)" error={messageError()}>
        <textarea
          id={id}
          name="message"
          rows="3"
          maxLength={2000}
          ref={(el) => queueMicrotask(() => el.focus())}
          {...describedBy(id, messageError(), true)}
        />
      </Field>
      <FormError message={error()} />
      <div class="actions">
        <SubmitButton busy={state.fetching || leaving()} busyLabel="Opening checkout…" label={`Continue to payment (${props.price})`} />
        <button type="button" class="button button-secondary" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
