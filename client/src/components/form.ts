// The one form helper: every form and every button that runs a mutation goes through it. It
// keeps the submission's state (busy, the error above the button, errors under fields, done),
// checks fields before sending, sends, reads the result union (lib/mutation.ts) and puts a
// typed error where it belongs: under the field a ValidationError names, else above the button,
// in our own words. Focus goes to the first field with an error. The state can live elsewhere
// (`store`): booking transitions keep it by booking id.
import { createSignal } from "solid-js";
import { createMutation } from "@urql/solid";
import type { AnyVariables, TypedDocumentNode } from "@urql/core";
import { formErrors, type FormErrors, type TypedError } from "../lib/errors";
import type { Outcome } from "../lib/mutation";

export interface FormState {
  busy: boolean;
  /** The error about the whole submission (FormError shows it). */
  message?: string | undefined;
  /** Errors under fields, by the field's `name` (the API argument it is sent as). */
  fields: Record<string, string>;
  /** The last submission succeeded. */
  done: boolean;
}

/** Where a form's state is kept: by default in the form itself. */
export interface FormStore {
  get(): FormState;
  set(next: Partial<FormState>): void;
}

export const IDLE: FormState = { busy: false, fields: {}, done: false };

function localStore(): FormStore {
  const [state, setState] = createSignal<FormState>(IDLE);
  return { get: state, set: (next) => setState((current) => ({ ...current, ...next })) };
}

export interface FormOptions {
  /** Field name -> label, for ValidationErrors on those fields. */
  labels?: Record<string, string>;
  /** Words of our own for some errors (undefined: the usual ones). */
  explain?: (error: TypedError | null) => FormErrors | undefined;
  store?: FormStore;
}

/** Run `work` against a form's state: busy while it runs, its failure shown. Returns its outcome. */
export async function perform<T>(
  store: FormStore,
  options: FormOptions,
  work: () => Promise<Outcome<T>>,
  form?: HTMLFormElement,
): Promise<Outcome<T>> {
  store.set({ busy: true, message: undefined, fields: {}, done: false });
  let outcome: Outcome<T> = { ok: false, error: null };
  try {
    outcome = await work();
  } finally {
    store.set({ busy: false, done: outcome.ok });
    if (!outcome.ok) show(store, options.explain?.(outcome.error) ?? formErrors(outcome.error, options.labels ?? {}), form);
  }
  return outcome;
}

function show(store: FormStore, errors: FormErrors, form?: HTMLFormElement) {
  store.set({ message: errors.message, fields: errors.fields, done: false });
  if (!form) return;
  // The first control, in the form's order, whose field has an error.
  const first = Array.from(form.elements).find((el) => Object.hasOwn(errors.fields, (el as HTMLInputElement).name));
  (first as HTMLElement | undefined)?.focus();
}

export function createForm(options: FormOptions = {}) {
  const store = options.store ?? localStore();
  return {
    busy: () => store.get().busy,
    error: () => store.get().message,
    fieldError: (name: string): string | undefined => store.get().fields[name],
    done: () => store.get().done,
    /**
     * The form's onSubmit: `check` finds what is wrong before sending (every field's error at
     * once, by field name); `send` runs the mutation and returns its outcome.
     */
    submit<T>(
      send: (values: FormData, form: HTMLFormElement) => Promise<Outcome<T>>,
      check?: (values: FormData) => Record<string, string>,
    ) {
      return async (event: SubmitEvent) => {
        event.preventDefault();
        const form = event.currentTarget as HTMLFormElement;
        // With the button that submitted it, when a form has several (name and value).
        const values = new FormData(form, event.submitter);
        const problems = check?.(values) ?? {};
        if (Object.keys(problems).length > 0) return show(store, { fields: problems }, form);
        await perform(store, options, () => send(values, form), form);
      };
    },
    /** For a button outside a form: run the mutation, show its failure. */
    run<T>(send: () => Promise<Outcome<T>>) {
      return perform(store, options, send);
    },
  };
}

/** createForm with the mutation it sends: `send(variables)` answers the mutation's data (none: no answer). */
export function createMutationForm<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  options: FormOptions = {},
) {
  const [, execute] = createMutation(document);
  return { ...createForm(options), send: async (variables: Variables) => (await execute(variables)).data };
}

/** A form's text value, trimmed ("" when absent). */
export function text(values: FormData, name: string): string {
  return String(values.get(name) ?? "").trim();
}

/** Empties the named text fields of a form after it succeeded (choices such as checkboxes stay for the next one). */
export function clearFields(element: HTMLFormElement, names: string[]): void {
  for (const name of names) {
    const field = element.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = "";
  }
}
