// API keys: create (the secret shown once, with a copy button), list, revoke.
import { For, Show } from "solid-js";
import { createQuery } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { ApiScope } from "../../gql/graphql";
import { readResult } from "../../lib/mutation";
import type { FormErrors } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { CheckboxGroup, EmptyState, FormError, SubmitButton, TextField } from "../../components/ui";
import { clearFields, createMutationForm, text } from "../../components/form";
import { QueryState } from "../../components/query-state";
import { createSecretOnce } from "./secret-once";

const ApiKeyRowFragment = graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    name
    prefix
    scopes
    partner
    createdAt
    lastUsedAt
    expiresAt
    revokedAt
  }
`);

const ApiKeysDocument = graphql(`
  query DeveloperApiKeys {
    apiKeys(first: 50) {
      edges {
        node {
          id
          ...ApiKeyRow
        }
      }
    }
  }
`);

const CreateApiKeyDocument = graphql(`
  mutation DeveloperCreateApiKey($name: String!, $scopes: [ApiScope!]!) {
    createApiKey(name: $name, scopes: $scopes) {
      __typename
      ... on CreateApiKeySuccess {
        secret
        apiKey {
          id
          ...ApiKeyRow
        }
      }
      ...MutationError
    }
  }
`);

const RevokeApiKeyDocument = graphql(`
  mutation DeveloperRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on RevokeApiKeySuccess {
        apiKey {
          id
          ...ApiKeyRow
        }
      }
      ...MutationError
    }
  }
`);

/** The scopes a key may have; a partner key (an admin's) only those marked `partner` (server/accounts/api-keys.ts). */
const SCOPES: { scope: ApiScope; label: string; partner: boolean }[] = [
  { scope: "CATALOG_READ" as ApiScope, label: "Read the mentor catalogue", partner: true },
  { scope: "BOOKINGS_READ" as ApiScope, label: "Read bookings", partner: true },
  { scope: "BOOKINGS_WRITE" as ApiScope, label: "Change bookings", partner: false },
  { scope: "EARNINGS_READ" as ApiScope, label: "Read earnings", partner: false },
  { scope: "WEBHOOKS_MANAGE" as ApiScope, label: "Manage webhooks", partner: true },
];

const LABELS: Record<string, string> = { name: "Name", scopes: "Scopes" };
const CONTEXT = { additionalTypenames: ["ApiKey"] };

export function ApiKeys(props: { admin: boolean }) {
  const query = createQuery({ query: ApiKeysDocument, context: CONTEXT });
  const [result] = query;
  const keys = () => result.data?.apiKeys.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <CreateApiKeyForm admin={props.admin} />
      <QueryState
        query={query}
        error="We could not load your API keys."
        isEmpty={keys().length === 0}
        empty={<EmptyState title="No API keys yet." />}
      >
        <ul class="card list" aria-label="Your API keys">
          <For each={keys()}>{(key) => <ApiKeyRow apiKey={key} />}</For>
        </ul>
      </QueryState>
    </section>
  );
}

function CreateApiKeyForm(props: { admin: boolean }) {
  const form = createMutationForm(CreateApiKeyDocument, {
    labels: LABELS,
    explain: (error): FormErrors | undefined =>
      error?.rule === "MAX_KEYS"
        ? { message: "You already have the most API keys allowed; revoke one first.", fields: {} }
        : error?.rule === "NOT_ALLOWED"
          ? { fields: { scopes: "A partner key can only read the catalogue and bookings and manage webhooks." } }
          : undefined,
  });
  const secret = createSecretOnce({
    id: "new-key-secret",
    label: "Your new API key",
    note: "Copy it now: it is shown only once. Send it as Authorization: Bearer <key>.",
    returnFocusTo: "key-name",
  });
  const offered = () => SCOPES.filter((s) => !props.admin || s.partner);
  const scopesOf = (values: FormData) => values.getAll("scopes").map(String) as ApiScope[];

  const check = (values: FormData) => {
    const found: Record<string, string> = {};
    if (!text(values, "name")) found.name = "Name is required.";
    if (scopesOf(values).length === 0) found.scopes = "Choose at least one scope.";
    return found;
  };

  const submit = form.submit(async (values, element) => {
    secret.hide();
    const data = await form.send({ name: text(values, "name"), scopes: scopesOf(values) });
    const outcome = readResult(data?.createApiKey, "CreateApiKeySuccess");
    if (outcome.ok) {
      clearFields(element, ["name"]);
      secret.show(outcome.value.secret);
    }
    return outcome;
  }, check);

  return (
    <>
      <secret.View />
      <form class="card form" onSubmit={submit} noValidate aria-labelledby="new-key-heading">
        <h3 id="new-key-heading">New API key</h3>
        <TextField id="key-name" label="Name" error={form.fieldError("name")} name="name" maxLength={100} />
        <CheckboxGroup
          id="key-scopes"
          legend="Scopes"
          name="scopes"
          error={form.fieldError("scopes")}
          options={offered().map((s) => ({ value: s.scope, label: s.label, checked: s.scope === "BOOKINGS_READ" }))}
        />
        <FormError message={form.error()} />
        <div class="actions">
          <SubmitButton busy={form.busy()} busyLabel="Creating…" label="Create key" />
        </div>
      </form>
    </>
  );
}

function ApiKeyRow(props: { apiKey: FragmentType<typeof ApiKeyRowFragment> }) {
  const key = () => getFragmentData(ApiKeyRowFragment, props.apiKey);
  const revoking = createMutationForm(RevokeApiKeyDocument);
  const onRevoke = () => revoking.run(async () => readResult((await revoking.send({ id: key().id }))?.revokeApiKey, "RevokeApiKeySuccess"));
  return (
    <li class="list-row">
      <div>
        <p class="session-type-title">
          {key().name} <code>{key().prefix}…</code>
          {key().partner ? " · partner key" : ""}
        </p>
        <p class="muted">
          {key()
            .scopes.map((s) => s.toLowerCase())
            .join(", ")}{" "}
          · created {formatDateTime(key().createdAt)}
          {key().lastUsedAt ? ` · last used ${formatDateTime(key().lastUsedAt)}` : " · never used"}
          {key().expiresAt ? ` · expires ${formatDateTime(key().expiresAt)}` : ""}
          {key().revokedAt ? ` · revoked ${formatDateTime(key().revokedAt)}` : ""}
        </p>
        <FormError message={revoking.error()} />
      </div>
      <Show when={!key().revokedAt}>
        <SubmitButton
          class="button button-secondary"
          busy={revoking.busy()}
          busyLabel="Revoking…"
          label="Revoke"
          ariaLabel={`Revoke ${key().name}`}
          onClick={onRevoke}
        />
      </Show>
    </li>
  );
}
