// requestBooking with a message, then off to checkoutUrl to pay.
import { createSignal } from "solid-js";
import { graphql } from "../../gql";
import { readResult } from "../../lib/mutation";
import { Field, describedBy, FormError, SubmitButton } from "../../components/ui";
import { createMutationForm, text } from "../../components/form";

const RequestBookingDocument = graphql(`
  mutation RequestBooking($sessionTypeId: ID!, $message: String) {
    requestBooking(sessionTypeId: $sessionTypeId, message: $message) {
      __typename
      ... on RequestBookingSuccess {
        checkoutUrl
      }
      ...MutationError
    }
  }
`);

export function BookForm(props: { sessionTypeId: string; mentorName: string; price: string; onCancel: () => void }) {
  const form = createMutationForm(RequestBookingDocument, { labels: { message: "Message" } });
  const [leaving, setLeaving] = createSignal(false);
  const id = `message-${props.sessionTypeId}`;

  const submit = form.submit(async (values) => {
    const message = text(values, "message");
    const data = await form.send({ sessionTypeId: props.sessionTypeId, message: message || null });
    const outcome = readResult(data?.requestBooking, "RequestBookingSuccess");
    if (outcome.ok) {
      setLeaving(true);
      window.location.assign(outcome.value.checkoutUrl);
    }
    return outcome;
  });

  return (
    <form class="inline-form" onSubmit={submit} aria-label={`Book with ${props.mentorName}`}>
      <Field
        id={id}
        label={`Message to ${props.mentorName}`}
        hint="What would you like to work on? (optional)"
        error={form.fieldError("message")}
      >
        <textarea
          id={id}
          name="message"
          rows="3"
          maxLength={2000}
          ref={(el) => queueMicrotask(() => el.focus())}
          {...describedBy(id, form.fieldError("message"), true)}
        />
      </Field>
      <FormError message={form.error()} />
      <div class="actions">
        <SubmitButton busy={form.busy() || leaving()} busyLabel="Opening checkout…" label={`Continue to payment (${props.price})`} />
        <button type="button" class="button button-secondary" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
