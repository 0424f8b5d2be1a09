// updateSessionType: a session type's title, duration and price, prefilled with what it is now.
// Bookings already made keep what they were booked at; the change applies to new ones.
import { Show, createSignal, type JSX } from "solid-js";
import { graphql } from "../../gql";
import { readResult } from "../../lib/mutation";
import { FormError, SavedNotice, SubmitButton, TextField } from "../../components/ui";
import { createMutationForm, text } from "../../components/form";
import { parseDollars } from "../../lib/format";
import { checkSessionType, SESSION_TYPE_FORM } from "./session-type-fields";

const UpdateSessionTypeDocument = graphql(`
  mutation UpdateSessionType($id: ID!, $title: String, $durationMinutes: Int, $priceCents: Int) {
    updateSessionType(id: $id, title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {
      __typename
      ... on UpdateSessionTypeSuccess {
        sessionType {
          id
          title
          durationMinutes
          price {
            amountCents
            formatted
          }
        }
      }
      ...MutationError
    }
  }
`);

interface EditableSessionType {
  title: string;
  durationMinutes: number;
  price: { amountCents: number };
}

/** One session type's actions with its Edit button and, once opened, its form (ids carry the session type's id). */
export function EditSessionType(props: { id: string; current: () => EditableSessionType; actions?: JSX.Element }) {
  // What the fields start from: the session type when the form was opened, not later live changes under the cursor.
  const [opened, setOpened] = createSignal<EditableSessionType>();
  const [saved, setSaved] = createSignal(false);
  const form = createMutationForm(UpdateSessionTypeDocument, SESSION_TYPE_FORM);
  const field = (name: string) => `st-edit-${name}-${props.id}`;

  const check = (values: FormData) => checkSessionType(values, { typedDuration: true });

  const submit = form.submit(async (values) => {
    const data = await form.send({
      id: props.id,
      title: text(values, "title"),
      durationMinutes: Number(text(values, "durationMinutes")),
      priceCents: parseDollars(text(values, "priceCents"))!,
    });
    const outcome = readResult(data?.updateSessionType, "UpdateSessionTypeSuccess");
    if (outcome.ok) {
      setOpened();
      setSaved(true);
    }
    return outcome;
  }, check);

  return (
    <>
      <div class="actions">
        <Show when={!opened()}>
          <button
            type="button"
            class="button button-secondary"
            aria-label={`Edit ${props.current().title}`}
            onClick={() => {
              setSaved(false);
              setOpened({ ...props.current() });
            }}
          >
            Edit
          </button>
        </Show>
        <SavedNotice when={Boolean(saved())} />
        {props.actions}
      </div>
      <Show when={opened()}>
        {(start) => (
          <form class="form edit-session-type" onSubmit={submit} noValidate aria-label={`Edit ${start().title}`}>
            <TextField
              id={field("title")}
              label="Title"
              error={form.fieldError("title")}
              name="title"
              maxLength={120}
              value={start().title}
            />
            <div class="field-row">
              <TextField
                id={field("duration")}
                label="Duration (minutes)"
                error={form.fieldError("durationMinutes")}
                name="durationMinutes"
                inputMode="numeric"
                value={String(start().durationMinutes)}
              />
              <TextField
                id={field("price")}
                label="Price (USD)"
                error={form.fieldError("priceCents")}
                name="priceCents"
                inputMode="decimal"
                value={(start().price.amountCents / 100).toFixed(2)}
              />
            </div>
            <p class="muted">Bookings already made keep their title, length and price; the change applies to new bookings.</p>
            <FormError message={form.error()} />
            <div class="actions">
              <SubmitButton busy={form.busy()} busyLabel="Saving…" label="Save changes" ariaLabel={`Save changes to ${start().title}`} />
              <button type="button" class="button button-ghost" onClick={() => setOpened()}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </Show>
    </>
  );
}
