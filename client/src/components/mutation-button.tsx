// A button outside a form that runs one mutation for one item (Approve, Archive, Retry refund):
// its own busy state and its own error, beside it, through the form helper. Drawn in a row keyed
// by the item's id, it always sends the variables of the item it was drawn for.
import type { AnyVariables, TypedDocumentNode } from "@urql/core";
import { FormError, SubmitButton } from "./ui";
import { createMutationForm, type FormOptions } from "./form";
import type { Outcome } from "../lib/mutation";

export function MutationButton<Data, Variables extends AnyVariables, T>(props: {
  document: TypedDocumentNode<Data, Variables>;
  variables: Variables;
  /** Reads the answer (readResult on the mutation's field). */
  read: (data: Data | undefined) => Outcome<T>;
  onDone?: (value: T) => void;
  label: string;
  busyLabel?: string;
  /** The accessible name naming the item ("Approve Nora Newmentor"). */
  ariaLabel: string;
  class?: string;
  options?: FormOptions;
}) {
  const form = createMutationForm(props.document, props.options);
  const run = () =>
    form.run(async () => {
      const outcome = props.read(await form.send(props.variables));
      if (outcome.ok) props.onDone?.(outcome.value);
      return outcome;
    });
  return (
    <div class="row-action">
      <FormError message={form.error()} />
      <SubmitButton
        class={props.class}
        busy={form.busy()}
        busyLabel={props.busyLabel}
        label={props.label}
        ariaLabel={props.ariaLabel}
        onClick={run}
      />
    </div>
  );
}
