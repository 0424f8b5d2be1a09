// createSessionType: title, duration, price (entered in dollars, sent in cents).
import { Show, createSignal } from "solid-js";
import { createMutation } from "@urql/solid";
import { graphql } from "../../gql";
import { errorMessage, fieldMessage, NETWORK_ERROR } from "../../lib/errors";
import { Field, describedBy, FormError, SubmitButton } from "../../components/ui";

const CreateSessionTypeDocument = graphql(`
  mutation CreateSessionType($title: String!, $durationMinutes: Int!, $priceCents: Int!) {
    createSessionType(title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {
      __typename
      ... on CreateSessionTypeSuccess {
        sessionType {
          id
          title
          durationMinutes
          active
          price {
            formatted
          }
        }
      }
      ...MutationError
    }
  }
`);

type FieldName = "title" | "durationMinutes" | "priceCents";
const RANGE: Record<FieldName, string> = {
  title: "",
  durationMinutes: "Duration must be between 15 and 480 minutes.",
  priceCents: "Price must be between $1.00 and $10,000.00.",
};

/** "60", "49.5", "49.50", "1,200.00" (a leading $ is fine) in cents; null for anything else ("1e3", "12.345", "-5"). */
export function parsePriceCents(raw: string): number | null {
  const plain = raw
    .trim()
    .replace(/^\$/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(plain);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export function CreateSessionTypeForm(props: { onCreated?: () => void }) {
  const [state, create] = createMutation(CreateSessionTypeDocument);
  const [errors, setErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [error, setError] = createSignal<string>();
  const [created, setCreated] = createSignal<string>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = new FormData(form);
    setErrors({});
    setError();
    setCreated();
    const title = String(values.get("title") ?? "").trim();
    const durationMinutes = Number(values.get("durationMinutes"));
    const priceCents = parsePriceCents(String(values.get("price") ?? ""));
    // Every field's error at once; the server still decides.
    const found: Partial<Record<FieldName, string>> = {};
    if (!title) found.title = "Title is required.";
    if (priceCents === null) found.priceCents = "Enter a price in dollars with at most two decimals, e.g. 60 or 49.50.";
    else if (priceCents < 100 || priceCents > 1_000_000) found.priceCents = RANGE.priceCents;
    if (Object.keys(found).length > 0 || priceCents === null) {
      setErrors(found);
      form.querySelector<HTMLElement>(found.title ? "#st-title" : "#st-price")?.focus();
      return;
    }
    const result = await create({ title, durationMinutes, priceCents });
    const data = result.data?.createSessionType;
    if (!data) return setError(NETWORK_ERROR);
    if (data.__typename === "CreateSessionTypeSuccess") {
      form.reset();
      setCreated(`“${data.sessionType.title}” is now bookable.`);
      props.onCreated?.();
      return;
    }
    if (data.__typename === "ValidationError" && data.field in RANGE) {
      const field = data.field as FieldName;
      const label = field === "title" ? "Title" : field === "durationMinutes" ? "Duration" : "Price";
      setErrors({ [field]: data.rule === "range" ? RANGE[field] : fieldMessage(data, label) });
      return;
    }
    setError(errorMessage(data));
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="new-session-type">
      <h2 id="new-session-type">New session type</h2>
      <Field id="st-title" label="Title" error={errors().title}>
        <input id="st-title" name="title" maxLength={120} placeholder="e.g. Career chat" {...describedBy("st-title", errors().title)} />
      </Field>
      <div class="field-row">
        <Field id="st-duration" label="Duration" error={errors().durationMinutes}>
          <select id="st-duration" name="durationMinutes" {...describedBy("st-duration", errors().durationMinutes)}>
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
        <Field id="st-price" label="Price (USD)" error={errors().priceCents}>
          <input id="st-price" name="price" inputMode="decimal" placeholder="60.00" {...describedBy("st-price", errors().priceCents)} />
        </Field>
      </div>
      <FormError message={error()} />
      <div class="actions">
        <SubmitButton busy={state.fetching} busyLabel="Creating…" label="Create session type" />
        <Show when={created()}>
          <span class="saved" role="status">
            {created()}
          </span>
        </Show>
      </div>
    </form>
  );
}
