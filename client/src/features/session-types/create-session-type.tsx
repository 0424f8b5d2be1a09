// createSessionType: title, duration, price (entered in dollars, sent in cents).
import { createSignal } from "solid-js";
import { graphql } from "../../gql";
import { readResult } from "../../lib/mutation";
import { Field, describedBy, FormError, SavedNotice, SubmitButton, TextField } from "../../components/ui";
import { createMutationForm, text } from "../../components/form";
import { parseDollars } from "../../lib/format";
import { checkSessionType, SESSION_TYPE_FORM } from "./session-type-fields";

const CreateSessionTypeDocument = graphql(`
  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {
    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {
      __typename
      ... on CreateSessionTypeSuccess {
        sessionType {
          id
          title
        }
      }
      ...MutationError
    }
  }
`);

export function CreateSessionTypeForm(props: { onCreated?: () => void }) {
  const form = createMutationForm(CreateSessionTypeDocument, SESSION_TYPE_FORM);
  const [created, setCreated] = createSignal<string>();

  const check = (values: FormData) => checkSessionType(values, { typedDuration: false });

  const submit = form.submit(async (values, element) => {
    setCreated();
    const data = await form.send({
      title: text(values, "title"),
      durationMinutes: Number(values.get("durationMinutes")),
      priceCents: parseDollars(text(values, "priceCents"))!,
    });
    const outcome = readResult(data?.createSessionType, "CreateSessionTypeSuccess");
    if (outcome.ok) {
      element.reset();
      setCreated(`“${outcome.value.sessionType.title}” is now bookable.`);
      props.onCreated?.();
    }
    return outcome;
  }, check);

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="new-session-type">
      <h2 id="new-session-type">New session type</h2>
      <TextField id="st-title" label="Title" error={form.fieldError("title")} name="title" maxLength={120} placeholder="e.g. Career chat" />
      <div class="field-row">
        <Field id="st-duration" label="Duration" error={form.fieldError("durationMinutes")}>
          <select id="st-duration" name="durationMinutes" {...describedBy("st-duration", form.fieldError("durationMinutes"))}>
            <option value="15">15 minutes</option>
            <option value="30">30 minutes</option>
            <option value="45">45 minutes</option>
            <option value="60" selected>
              60 minutes
            </option>
            <option value="90">90 minutes</option>
            <option value="120">2 hours</option>
          </select>
        </Field>
        <TextField
          id="st-price"
          label="Price (USD)"
          error={form.fieldError("priceCents")}
          name="priceCents"
          inputMode="decimal"
          placeholder="60.00"
        />
      </div>
      <FormError message={form.error()} />
      <div class="actions">
        <SubmitButton busy={form.busy()} busyLabel="Creating…" label="Create session type" />
        <SavedNotice when={form.done() && Boolean(created())}>{created()}</SavedNotice>
      </div>
    </form>
  );
}
