// Small presentational pieces shared by every page.
import { For, Show, splitProps, type JSX } from "solid-js";
import type { BookingStatus } from "../gql/graphql";
import { STATUS_LABEL } from "../lib/format";

export function Spinner(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? "Loading…"}
    </p>
  );
}

/** An error box for a whole area; `retry` shows a Try again button. */
export function ErrorNotice(props: { message: string; retry?: () => void }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>{props.message}</p>
      <Show when={props.retry}>
        {(retry) => (
          <button type="button" class="button button-secondary" onClick={() => retry()()}>
            Try again
          </button>
        )}
      </Show>
    </div>
  );
}

export function Notice(props: { tone?: "info" | "success" | "warning"; children: JSX.Element }) {
  return (
    <div class={`notice notice-${props.tone ?? "info"}`} role="status">
      {props.children}
    </div>
  );
}

export function StatusBadge(props: { status: BookingStatus }) {
  return <span class={`badge badge-${props.status.toLowerCase()}`}>{STATUS_LABEL[props.status]}</span>;
}

/** A labelled form control with an inline error tied to it by aria-describedby. */
export function Field(props: { id: string; label: string; error?: string | undefined; hint?: string; children: JSX.Element }) {
  return (
    <div class="field" classList={{ "field-invalid": Boolean(props.error) }}>
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      {props.children}
      <Show when={props.error}>
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}

/** A Field holding a text input: the label, the input tied to its hint and error, the error under it. */
export function TextField(
  props: { id: string; label: string; error: string | undefined; hint?: string } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "id">,
) {
  const [own, input] = splitProps(props, ["id", "label", "error", "hint"]);
  return (
    <Field id={own.id} label={own.label} error={own.error} hint={own.hint}>
      <input id={own.id} {...input} {...describedBy(own.id, own.error, Boolean(own.hint))} />
    </Field>
  );
}

/**
 * Checkboxes sharing one form name, as a compact list: a fieldset named by its legend, each box
 * inside its own label (so the label's text names it and a click on it toggles it), the group's
 * error under the list and tied to the fieldset. Each box's id is `<id>-<value>`.
 */
export function CheckboxGroup(props: {
  id: string;
  legend: string;
  name: string;
  error: string | undefined;
  options: readonly { value: string; label: JSX.Element; checked?: boolean }[];
}) {
  return (
    <fieldset class="checkbox-group" aria-describedby={props.error ? `${props.id}-error` : undefined}>
      <legend>{props.legend}</legend>
      <For each={props.options}>
        {(option) => (
          <label class="checkbox">
            <input type="checkbox" id={`${props.id}-${option.value}`} name={props.name} value={option.value} checked={option.checked} />
            <span>{option.label}</span>
          </label>
        )}
      </For>
      <Show when={props.error}>
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}

/** aria attributes for the control inside a Field. */
export function describedBy(id: string, error: string | undefined, hint?: boolean) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-invalid": error ? ("true" as const) : undefined, "aria-describedby": ids || undefined };
}

export function EmptyState(props: { title: string; children?: JSX.Element }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

/** A form's error about the whole submission (field errors sit under their fields). */
export function FormError(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p class="form-error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}

/** "Saved" (or what was done) beside a form's button, once `when` holds: announced politely. */
export function SavedNotice(props: { when: boolean; children?: JSX.Element }) {
  return (
    <Show when={props.when}>
      <span class="saved" role="status">
        {props.children ?? "Saved"}
      </span>
    </Show>
  );
}

/** What an action came to, said once it is done (a refusal is the form's own FormError). */
export interface Outcome {
  text: string;
}

/** The outcome of the last action on a page, when there is one: announced politely. */
export function OutcomeMessage(props: { outcome: Outcome | undefined }) {
  return (
    <Show when={props.outcome}>
      {(outcome) => (
        <p class="saved" role="status">
          {outcome().text}
        </p>
      )}
    </Show>
  );
}

/**
 * A form's submit button: disabled and saying what it is doing (`busyLabel`) while `busy`. With
 * `onClick` it is a plain button that runs a mutation by itself (Confirm, Approve, Connect Stripe).
 */
export function SubmitButton(props: {
  busy: boolean;
  busyLabel?: string;
  label: string;
  class?: string;
  /** The accessible name when the label alone is ambiguous in a list ("Approve Nora Newmentor"). */
  ariaLabel?: string;
  /** One of several submit buttons of a form: sent as this name and value (the form's submit reads it). */
  name?: string;
  value?: string;
  onClick?: () => void;
}) {
  return (
    <button
      type={props.onClick ? "button" : "submit"}
      class={props.class ?? "button"}
      disabled={props.busy}
      aria-label={props.ariaLabel}
      name={props.name}
      value={props.value}
      onClick={() => props.onClick?.()}
    >
      {props.busy ? (props.busyLabel ?? props.label) : props.label}
    </button>
  );
}
