// Webhook endpoints: register (the signing secret shown once), turn on and off, delete, and the
// delivery log with redelivery.
import { For, Show } from "solid-js";
import { createQuery } from "@urql/solid";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { WebhookEventType, WebhookWithheldReason } from "../../gql/graphql";
import { readResult } from "../../lib/mutation";
import { fieldMessage, type FormErrors } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { CheckboxGroup, EmptyState, FormError, SubmitButton, TextField } from "../../components/ui";
import { clearFields, createMutationForm, text } from "../../components/form";
import { QueryState } from "../../components/query-state";
import { createSecretOnce } from "./secret-once";

const WebhookDeliveryRowFragment = graphql(`
  fragment WebhookDeliveryRow on WebhookDelivery {
    id
    status
    withheldReason
    attemptCount
    redelivery
    createdAt
    event {
      id
      type
    }
    attempts {
      number
      statusCode
      durationMs
      error
    }
  }
`);

const WebhookEndpointCardFragment = graphql(`
  fragment WebhookEndpointCard on WebhookEndpoint {
    id
    url
    description
    eventTypes
    enabled
    disabledReason
    deliveries(first: 5) {
      edges {
        node {
          id
          ...WebhookDeliveryRow
        }
      }
    }
  }
`);

// 10 endpoints with their 5 latest deliveries each stays well under the cost limit per
// operation (3,500); 20 with 10 each would be refused (COST_LIMIT_EXCEEDED).
const WebhookEndpointsDocument = graphql(`
  query DeveloperWebhookEndpoints {
    webhookEndpoints(first: 10) {
      edges {
        node {
          id
          ...WebhookEndpointCard
        }
      }
    }
  }
`);

const CreateWebhookEndpointDocument = graphql(`
  mutation DeveloperCreateWebhookEndpoint($url: String!, $eventTypes: [WebhookEventType!]!, $description: String) {
    createWebhookEndpoint(url: $url, eventTypes: $eventTypes, description: $description) {
      __typename
      ... on CreateWebhookEndpointSuccess {
        secret
        endpoint {
          id
          ...WebhookEndpointCard
        }
      }
      ...MutationError
    }
  }
`);

const UpdateWebhookEndpointDocument = graphql(`
  mutation DeveloperUpdateWebhookEndpoint($id: ID!, $enabled: Boolean) {
    updateWebhookEndpoint(id: $id, enabled: $enabled) {
      __typename
      ... on UpdateWebhookEndpointSuccess {
        endpoint {
          id
          ...WebhookEndpointCard
        }
      }
      ...MutationError
    }
  }
`);

const DeleteWebhookEndpointDocument = graphql(`
  mutation DeveloperDeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id) {
      __typename
      ... on DeleteWebhookEndpointSuccess {
        deletedId
      }
      ...MutationError
    }
  }
`);

const RedeliverWebhookEventDocument = graphql(`
  mutation DeveloperRedeliverWebhookEvent($endpointId: ID!, $eventId: ID!) {
    redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId) {
      __typename
      ... on RedeliverWebhookEventSuccess {
        delivery {
          id
        }
      }
      ...MutationError
    }
  }
`);

const EVENT_TYPES = [
  "BOOKING_PAID",
  "BOOKING_CONFIRMED",
  "BOOKING_DECLINED",
  "BOOKING_LINKS_ADDED",
  "BOOKING_SCHEDULED",
  "BOOKING_COMPLETED",
  "BOOKING_CANCELLED",
  "BOOKING_EXPIRED",
  "REFUND_SUCCEEDED",
  "PAYOUT_PAID",
  "PAYOUT_FAILED",
] as WebhookEventType[];
/** BOOKING_LINKS_ADDED -> booking.links_added: the `type` the deliveries carry. */
const typeName = (type: string) => type.toLowerCase().replace("_", ".");

/** Why a delivery was not sent (WITHHELD), in words. */
const WITHHELD_REASONS: Record<WebhookWithheldReason, string> = {
  KEY_REVOKED: "the key was revoked",
  KEY_EXPIRED: "the key expired",
  ACCESS_WITHDRAWN: "access was withdrawn",
};
const statusText = (delivery: { status: string; withheldReason: WebhookWithheldReason | null }) =>
  delivery.status === "WITHHELD" && delivery.withheldReason
    ? `not sent: ${WITHHELD_REASONS[delivery.withheldReason]}`
    : delivery.status.toLowerCase();

const LABELS: Record<string, string> = { url: "Endpoint URL", description: "Description", eventTypes: "Events" };
const CONTEXT = { additionalTypenames: ["WebhookEndpoint", "WebhookDelivery"] };

export function WebhookEndpoints() {
  const query = createQuery({ query: WebhookEndpointsDocument, context: CONTEXT });
  const [result, refetch] = query;
  const endpoints = () => result.data?.webhookEndpoints.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <CreateWebhookEndpointForm />
      <QueryState
        query={query}
        error="We could not load your webhook endpoints."
        isEmpty={endpoints().length === 0}
        empty={<EmptyState title="No webhook endpoints yet." />}
      >
        <For each={endpoints()}>
          {(endpoint) => <WebhookEndpointCard endpoint={endpoint} onDeleted={() => refetch({ requestPolicy: "network-only" })} />}
        </For>
      </QueryState>
    </section>
  );
}

function CreateWebhookEndpointForm() {
  const form = createMutationForm(CreateWebhookEndpointDocument, {
    labels: LABELS,
    explain: (error): FormErrors | undefined => {
      if (error?.field !== "url")
        return error?.rule === "MAX_ENDPOINTS"
          ? { message: "You already have the most webhook endpoints allowed; delete one first.", fields: {} }
          : undefined;
      if (error.rule === "PRIVATE_ADDRESS") return { fields: { url: "The URL must reach a public address, not a private or local one." } };
      if (error.rule === "URL") return { fields: { url: "Enter a complete URL, such as https://example.com/webhooks." } };
      return { fields: { url: fieldMessage(error, "Endpoint URL") } };
    },
  });
  const secret = createSecretOnce({
    id: "new-hook-secret",
    label: "Signing secret",
    note: "Verify deliveries with it (Standard Webhooks). It is shown once here; you can reveal or rotate it later through the API.",
    returnFocusTo: "hook-url",
  });
  const typesOf = (values: FormData) => values.getAll("eventTypes").map(String) as WebhookEventType[];

  const check = (values: FormData) => {
    const found: Record<string, string> = {};
    // https:// or not is the server's to say (development may allow http://).
    if (!text(values, "url")) found.url = "Endpoint URL is required.";
    if (typesOf(values).length === 0) found.eventTypes = "Choose at least one event.";
    return found;
  };

  const submit = form.submit(async (values, element) => {
    secret.hide();
    const description = text(values, "description");
    const data = await form.send({ url: text(values, "url"), eventTypes: typesOf(values), description: description || null });
    const outcome = readResult(data?.createWebhookEndpoint, "CreateWebhookEndpointSuccess");
    if (outcome.ok) {
      clearFields(element, ["url", "description"]);
      secret.show(outcome.value.secret);
    }
    return outcome;
  }, check);

  return (
    <>
      <secret.View />
      <form class="card form" onSubmit={submit} noValidate aria-labelledby="new-hook-heading">
        <h3 id="new-hook-heading">New webhook endpoint</h3>
        <TextField
          id="hook-url"
          label="Endpoint URL"
          error={form.fieldError("url")}
          name="url"
          type="url"
          maxLength={2048}
          placeholder="https://"
        />
        <TextField id="hook-description" label="Description" error={form.fieldError("description")} name="description" maxLength={500} />
        <CheckboxGroup
          id="hook-events"
          legend="Events"
          name="eventTypes"
          error={form.fieldError("eventTypes")}
          options={EVENT_TYPES.map((type) => ({ value: type, label: <code>{typeName(type)}</code>, checked: true }))}
        />
        <FormError message={form.error()} />
        <div class="actions">
          <SubmitButton busy={form.busy()} busyLabel="Adding…" label="Add endpoint" />
        </div>
      </form>
    </>
  );
}

/** `onDeleted`: the answer names only the deleted id, so the list is fetched again. */
function WebhookEndpointCard(props: { endpoint: FragmentType<typeof WebhookEndpointCardFragment>; onDeleted: () => void }) {
  const endpoint = () => getFragmentData(WebhookEndpointCardFragment, props.endpoint);
  const updating = createMutationForm(UpdateWebhookEndpointDocument);
  const removing = createMutationForm(DeleteWebhookEndpointDocument);
  const onToggle = () =>
    updating.run(async () =>
      readResult(
        (await updating.send({ id: endpoint().id, enabled: !endpoint().enabled }))?.updateWebhookEndpoint,
        "UpdateWebhookEndpointSuccess",
      ),
    );
  const onDelete = () => {
    if (!window.confirm(`Delete the endpoint ${endpoint().url}? Its deliveries stop at once.`)) return;
    return removing.run(async () => {
      const outcome = readResult((await removing.send({ id: endpoint().id }))?.deleteWebhookEndpoint, "DeleteWebhookEndpointSuccess");
      if (outcome.ok) props.onDeleted();
      return outcome;
    });
  };
  const state = () => (endpoint().enabled ? "on" : endpoint().disabledReason === "FAILING" ? "turned off after repeated failures" : "off");
  const headingId = () => `hook-${endpoint().id}`;
  return (
    <article class="card" aria-labelledby={headingId()}>
      <div class="list-row">
        <div>
          <h3 class="session-type-title" id={headingId()}>
            <code>{endpoint().url}</code>
          </h3>
          <p class="muted">
            {endpoint().description ? `${endpoint().description} · ` : ""}
            {state()} · {endpoint().eventTypes.map(typeName).join(", ")}
          </p>
        </div>
        <div class="actions">
          <SubmitButton
            class="button button-secondary"
            busy={updating.busy()}
            label={endpoint().enabled ? "Turn off" : "Turn on"}
            ariaLabel={`${endpoint().enabled ? "Turn off" : "Turn on"} ${endpoint().url}`}
            onClick={onToggle}
          />
          <SubmitButton
            class="button button-secondary"
            busy={removing.busy()}
            busyLabel="Deleting…"
            label="Delete"
            ariaLabel={`Delete ${endpoint().url}`}
            onClick={onDelete}
          />
        </div>
      </div>
      <FormError message={updating.error() ?? removing.error()} />
      <Show when={endpoint().deliveries.edges.length > 0} fallback={<p class="muted">No deliveries yet.</p>}>
        <table class="deliveries">
          <caption>Recent deliveries</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Queued</th>
              <th scope="col">
                <span class="visually-hidden">Redeliver</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={endpoint().deliveries.edges}>{(edge) => <WebhookDeliveryRow endpointId={endpoint().id} delivery={edge.node} />}</For>
          </tbody>
        </table>
      </Show>
    </article>
  );
}

function WebhookDeliveryRow(props: { endpointId: string; delivery: FragmentType<typeof WebhookDeliveryRowFragment> }) {
  const delivery = () => getFragmentData(WebhookDeliveryRowFragment, props.delivery);
  const redelivering = createMutationForm(RedeliverWebhookEventDocument);
  const onRedeliver = () =>
    redelivering.run(async () =>
      readResult(
        (await redelivering.send({ endpointId: props.endpointId, eventId: delivery().event.id }))?.redeliverWebhookEvent,
        "RedeliverWebhookEventSuccess",
      ),
    );
  const last = () => delivery().attempts.at(-1);
  const answer = () => {
    const attempt = last();
    if (!attempt) return "—";
    return `${attempt.statusCode ?? attempt.error ?? "no answer"} in ${attempt.durationMs} ms`;
  };
  return (
    <tr>
      <td>
        <code>{typeName(delivery().event.type)}</code>
        {delivery().redelivery ? " (redelivery)" : ""}
      </td>
      <td>{statusText(delivery())}</td>
      <td>{delivery().attemptCount}</td>
      <td>{answer()}</td>
      <td>{formatDateTime(delivery().createdAt)}</td>
      <td>
        <SubmitButton
          class="button button-secondary"
          busy={redelivering.busy()}
          busyLabel="Queuing…"
          label="Redeliver"
          ariaLabel={`Redeliver ${typeName(delivery().event.type)} from ${formatDateTime(delivery().createdAt)}`}
          onClick={onRedeliver}
        />
        <span role="status" class="saved">
          {redelivering.done() ? "Queued." : ""}
        </span>
        <FormError message={redelivering.error()} />
      </td>
    </tr>
  );
}
