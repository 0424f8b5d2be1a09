// The caller's current cost budget, as every API answer reports it (extensions.cost). It is read
// from a tiny query of our own: the urql client does not hand extensions to components.
import { Match, Switch, createResource } from "solid-js";
import { token } from "../../lib/session";
import { ErrorNotice, Spinner } from "../../components/ui";

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

async function readBudget(): Promise<ThrottleStatus> {
  const bearer = token();
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  const body = (await response.json()) as { extensions?: { cost?: { throttleStatus?: ThrottleStatus } } };
  const status = body.extensions?.cost?.throttleStatus;
  if (!status) throw new Error("no cost budget in the answer");
  return status;
}

export function CostBudget() {
  const [budget, { refetch }] = createResource(readBudget);
  return (
    <section aria-labelledby="budget-heading" class="card">
      <h2 id="budget-heading">Cost budget</h2>
      <Switch fallback={<Spinner />}>
        <Match when={budget.state === "errored"}>
          <ErrorNotice message="We could not read your cost budget." retry={() => refetch()} />
        </Match>
        <Match when={(budget.state === "ready" || budget.state === "refreshing") && budget.latest}>
          {(b) => (
            <p aria-live="polite">
              {b().currentlyAvailable.toLocaleString()} of {b().maximumAvailable.toLocaleString()} points available, restoring{" "}
              {b().restoreRate.toLocaleString()} a second. Each API key has a budget of its own.
            </p>
          )}
        </Match>
      </Switch>
      <button type="button" class="button button-secondary" onClick={() => refetch()} disabled={budget.loading}>
        Refresh
      </button>
    </section>
  );
}
