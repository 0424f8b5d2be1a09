// The Stripe connection card: status in words, what Stripe still needs, and the button that
// starts (or continues) Connect onboarding on Stripe. Onboarding returns to
// /earnings?stripe=return (done or left) or /earnings?stripe=refresh (the link expired).
import { For, Show, createSignal } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { StripeAccountStatus } from "../../gql/graphql";
import { readResult } from "../../lib/mutation";
import { disabledReasonText, requirementLabels } from "./stripe-words";
import { FormError, SubmitButton } from "../../components/ui";
import { createMutationForm } from "../../components/form";

/** What the card shows of the mentor's Stripe connection. */
export const StripeConnectFragment = graphql(`
  fragment StripeConnect on StripeAccount {
    status
    payoutsEnabled
    requirementsDue
    disabledReason
  }
`);

const ConnectStripeDocument = graphql(`
  mutation ConnectStripeAccount {
    connectStripeAccount {
      __typename
      ... on ConnectStripeAccountSuccess {
        url
      }
      ...MutationError
    }
  }
`);

const STATUS: Record<StripeAccountStatus, { label: string; tone: string; text: string; action: string }> = {
  NOT_CONNECTED: {
    label: "Not connected",
    tone: "neutral",
    text: "Connect a Stripe account to receive your earnings. Stripe asks for your details and a bank account; it takes a few minutes.",
    action: "Connect Stripe",
  },
  ONBOARDING_INCOMPLETE: {
    label: "Setup not finished",
    tone: "warning",
    text: "You started connecting Stripe but it still needs a few details before it can pay you.",
    action: "Continue Stripe setup",
  },
  RESTRICTED: {
    label: "Restricted",
    tone: "danger",
    text: "Stripe has paused payouts to your account until it gets the details below.",
    action: "Update details on Stripe",
  },
  ACTIVE: {
    label: "Connected",
    tone: "ok",
    text: "Your Stripe account is connected. Payouts go to it automatically.",
    action: "Update details on Stripe",
  },
};

/** Words of this card's own; the rest are the usual ones (lib/errors.ts). */
const ERRORS: Record<string, string> = {
  NotAuthorizedError: "Only mentors can connect a Stripe account. If your profile is awaiting approval, try again once it is approved.",
  PaymentProviderError: "Stripe is not reachable right now. Nothing was changed; please try again in a few minutes.",
};

export function StripeConnect(props: { stripe: FragmentType<typeof StripeConnectFragment> }) {
  const stripe = () => getFragmentData(StripeConnectFragment, props.stripe);
  const form = createMutationForm(ConnectStripeDocument, {
    explain: (error) => (error && ERRORS[error.__typename] ? { message: ERRORS[error.__typename], fields: {} } : undefined),
  });
  const [leaving, setLeaving] = createSignal(false);
  const info = () => STATUS[stripe().status] ?? STATUS.NOT_CONNECTED;
  const requirements = () => requirementLabels(stripe().requirementsDue);
  const reason = () => (stripe().status === "ACTIVE" ? null : disabledReasonText(stripe().disabledReason));
  const activeAndPaying = () => stripe().status === "ACTIVE" && stripe().payoutsEnabled;
  const showButton = () => !activeAndPaying() || requirements().length > 0;

  const start = () =>
    form.run(async () => {
      const outcome = readResult((await form.send({}))?.connectStripeAccount, "ConnectStripeAccountSuccess");
      if (outcome.ok) {
        setLeaving(true);
        window.location.assign(outcome.value.url);
      }
      return outcome;
    });

  return (
    <section class="card stripe" aria-labelledby="stripe-title" data-stripe-status={stripe().status}>
      <div class="stripe-head">
        <h2 id="stripe-title">Stripe account</h2>
        <span class={`badge badge-tone-${info().tone}`} data-testid="stripe-status">
          {info().label}
        </span>
      </div>
      <p>{info().text}</p>
      <Show when={stripe().status === "ACTIVE" && !stripe().payoutsEnabled}>
        <p class="hint">Stripe has not switched payouts on yet. This usually takes a moment after setup.</p>
      </Show>
      <Show when={reason()}>
        <p class="stripe-reason">{reason()}</p>
      </Show>
      <Show when={requirements().length > 0}>
        <h3 class="stripe-due-title" id="stripe-due">
          Stripe still needs
        </h3>
        <ul class="stripe-due" aria-labelledby="stripe-due">
          <For each={requirements()}>{(label) => <li>{label}</li>}</For>
        </ul>
      </Show>
      <Show when={showButton()}>
        <SubmitButton
          class={stripe().status === "ACTIVE" ? "button button-secondary" : "button"}
          busy={form.busy() || leaving()}
          busyLabel="Opening Stripe…"
          label={info().action}
          onClick={start}
        />
        <p class="hint">You will continue on Stripe's secure site and come back here when you are done.</p>
      </Show>
      <FormError message={form.error()} />
    </section>
  );
}
