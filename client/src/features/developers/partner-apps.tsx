// Partner apps (mentors): grant or take back a partner app's access to the mentor's bookings and
// webhooks (grantPartnerAccess / revokePartnerAccess, docs/partners.md). Each answer is asked
// first in an inline confirmation naming the app. The list is refetched when the window regains
// focus (a new partner app, one withdrawn) and after each answer; rows are keyed by app id, so an
// open confirmation, its busy button and its error stay with their app, and the mutation is sent
// with the id the row was drawn for, whatever the list did meanwhile.
import { Show, createSignal } from "solid-js";
import { createMutation, createQuery } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import { readResult } from "../../lib/mutation";
import { onReturnToTab } from "../../lib/window-focus";
import { formatDateTime } from "../../lib/format";
import { EmptyState, FormError } from "../../components/ui";
import { createForm } from "../../components/form";
import { QueryState } from "../../components/query-state";
import { ForEachId } from "../../components/keyed";

const PartnerAppRowFragment = graphql(`
  fragment PartnerAppRow on PartnerApp {
    id
    name
    granted
    grantedAt
  }
`);

const PartnerAppsDocument = graphql(`
  query DeveloperPartnerApps {
    partnerApps {
      id
      ...PartnerAppRow
    }
  }
`);

const GrantPartnerAccessDocument = graphql(`
  mutation DeveloperGrantPartnerAccess($partnerAppId: ID!) {
    grantPartnerAccess(partnerAppId: $partnerAppId) {
      __typename
      ... on GrantPartnerAccessSuccess {
        partnerApp {
          id
          ...PartnerAppRow
        }
      }
      ...MutationError
    }
  }
`);

const RevokePartnerAccessDocument = graphql(`
  mutation DeveloperRevokePartnerAccess($partnerAppId: ID!) {
    revokePartnerAccess(partnerAppId: $partnerAppId) {
      __typename
      ... on RevokePartnerAccessSuccess {
        partnerApp {
          id
          ...PartnerAppRow
        }
      }
      ...MutationError
    }
  }
`);

const CONTEXT = { additionalTypenames: ["PartnerApp"] };
type Intent = "grant" | "revoke";
const NOT_FOUND = {
  message: "This partner app is no longer offered (the platform withdrew it), so its access cannot change.",
  fields: {},
};

export function PartnerApps() {
  const query = createQuery({ query: PartnerAppsDocument, context: CONTEXT });
  const [result, refetch] = query;
  const apps = () => result.data?.partnerApps ?? [];

  // Back in this tab: the platform may have added or withdrawn a partner app.
  onReturnToTab(() => refetch({ requestPolicy: "network-only" }), 1000);

  return (
    <section aria-labelledby="partners-heading">
      <h2 id="partners-heading">Partner apps</h2>
      <p class="muted">
        Apps the platform works with. One you give access reads your paid bookings (never anyone's email) and receives your booking
        webhooks, until you take it back.
      </p>
      <QueryState
        query={query}
        error="We could not load the partner apps."
        isEmpty={apps().length === 0}
        empty={<EmptyState title="No partner apps are offered yet." />}
      >
        <ul class="card list" aria-label="Partner apps">
          <ForEachId each={apps()}>{(app, id) => <PartnerAppRow id={id} app={app()} />}</ForEachId>
        </ul>
      </QueryState>
    </section>
  );
}

/** Escape closes the confirmation, like a dialog. */
function onEscape(close: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    close();
  };
}

/**
 * Keyed by `id` (never changes for this row): the mutation is always sent for this app. The
 * confirmation keeps what it was opened for (give or take back), whatever arrives meanwhile.
 */
function PartnerAppRow(props: { id: string; app: FragmentType<typeof PartnerAppRowFragment> }) {
  const app = () => getFragmentData(PartnerAppRowFragment, props.app);
  const partnerAppId = props.id;
  const form = createForm({ explain: (error) => (error?.__typename === "NotFoundError" ? NOT_FOUND : undefined) });
  const [, grant] = createMutation(GrantPartnerAccessDocument);
  const [, revoke] = createMutation(RevokePartnerAccessDocument);
  const [confirming, setConfirming] = createSignal<Intent | null>(null);
  let opener: HTMLButtonElement | undefined;
  const headingId = `partner-${partnerAppId}-name`;

  const close = () => {
    setConfirming(null);
    queueMicrotask(() => opener?.focus());
  };
  const answer = async (intent: Intent) => {
    await form.run<unknown>(async () =>
      intent === "revoke"
        ? readResult((await revoke({ partnerAppId })).data?.revokePartnerAccess, "RevokePartnerAccessSuccess")
        : readResult((await grant({ partnerAppId })).data?.grantPartnerAccess, "GrantPartnerAccessSuccess"),
    );
    close();
  };

  return (
    <li class="list-row" data-partner-app-id={partnerAppId}>
      <div>
        <p class="session-type-title" id={headingId}>
          {app().name}
        </p>
        <p class="muted" data-testid="partner-access">
          {app().granted ? `Has access since ${formatDateTime(app().grantedAt)}` : "No access"}
        </p>
        <FormError message={form.error()} />
        <Show when={confirming()} keyed>
          {(intent) => (
            <fieldset class="inline-form" aria-labelledby={`${headingId}-confirm`} onKeyDown={onEscape(close)}>
              <p id={`${headingId}-confirm`}>
                <strong>{intent === "revoke" ? `Take back ${app().name}'s access?` : `Give ${app().name} access to your bookings?`}</strong>{" "}
                {intent === "revoke"
                  ? "It stops reading your bookings and receiving your webhooks at once."
                  : "It can read your paid bookings and receive your booking webhooks until you take it back."}
              </p>
              <div class="actions">
                <button
                  type="button"
                  class={intent === "revoke" ? "button button-danger" : "button"}
                  ref={(el) => queueMicrotask(() => el.focus())}
                  disabled={form.busy()}
                  onClick={() => answer(intent)}
                >
                  {intent === "revoke"
                    ? form.busy()
                      ? "Taking back…"
                      : "Yes, take back access"
                    : form.busy()
                      ? "Giving access…"
                      : "Yes, give access"}
                </button>
                <button type="button" class="button button-secondary" onClick={close}>
                  Keep as it is
                </button>
              </div>
            </fieldset>
          )}
        </Show>
      </div>
      <Show when={!confirming()}>
        <button
          type="button"
          class="button button-secondary"
          ref={(el) => (opener = el)}
          aria-label={app().granted ? `Take back access from ${app().name}` : `Give access to ${app().name}`}
          onClick={() => setConfirming(app().granted ? "revoke" : "grant")}
        >
          {app().granted ? "Take back access…" : "Give access…"}
        </button>
      </Show>
    </li>
  );
}
