// A secret shown once (an API key, a webhook signing secret), with a copy button. Focus moves to
// it when it appears, so keyboard and screen reader users land on what they must copy now.
import { Show, createSignal, onMount } from "solid-js";

export function SecretOnce(props: { id: string; label: string; secret: string; note: string; onDone: () => void }) {
  const [copied, setCopied] = createSignal<"yes" | "no">();
  let heading: HTMLHeadingElement | undefined;
  onMount(() => heading?.focus());
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <section class="card secret-once" aria-labelledby={props.id}>
      <h3 id={props.id} tabIndex={-1} ref={heading}>
        {props.label}
      </h3>
      <p class="muted">{props.note}</p>
      <code class="secret" data-testid="secret">
        {props.secret}
      </code>
      <div class="actions">
        <button type="button" class="button" onClick={copy} aria-label={`Copy ${props.label.toLowerCase()}`}>
          Copy
        </button>
        <button type="button" class="button button-secondary" onClick={() => props.onDone()}>
          Done
        </button>
        <span class="saved" role="status">
          <Show when={copied()}>{copied() === "yes" ? "Copied." : "Copying failed: select the text and copy it."}</Show>
        </span>
      </div>
    </section>
  );
}

/**
 * The secret a create form received, shown once above the form: `show(secret)` after success,
 * `hide()` when the form is sent again; Done hides it and puts focus back in `returnFocusTo`.
 */
export function createSecretOnce(props: { id: string; label: string; note: string; returnFocusTo: string }) {
  const [secret, setSecret] = createSignal<string>();
  const View = () => (
    <Show when={secret()} keyed>
      {(value) => (
        <SecretOnce
          id={props.id}
          label={props.label}
          secret={value}
          note={props.note}
          onDone={() => {
            setSecret();
            document.getElementById(props.returnFocusTo)?.focus();
          }}
        />
      )}
    </Show>
  );
  return { show: (value: string) => setSecret(value), hide: () => setSecret(), View };
}
