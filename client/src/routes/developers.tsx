// Developers: API keys, webhook endpoints with their delivery log, and the cost budget
// (docs/partners.md), for mentors and admins.
import { Show } from "solid-js";
import { forRoles } from "../features/auth/require-role";
import { useViewer } from "../features/auth/viewer";
import { ApiKeys } from "../features/developers/api-keys";
import { CostBudget } from "../features/developers/cost-budget";
import { PartnerApps } from "../features/developers/partner-apps";
import { WebhookEndpoints } from "../features/developers/webhook-endpoints";

function DevelopersPage() {
  const state = useViewer();
  return (
    <section class="page">
      <div class="page-head">
        <h1>Developers</h1>
        <p class="lede">
          API keys for your apps, webhooks for what happens, the partner apps you let in, and your cost budget. The partner guide has the
          details.
        </p>
      </div>
      <ApiKeys admin={state.viewer()?.role === "ADMIN"} />
      <WebhookEndpoints />
      <Show when={state.viewer()?.role === "MENTOR"}>
        <PartnerApps />
      </Show>
      <CostBudget />
    </section>
  );
}

export default forRoles(["MENTOR", "ADMIN"], DevelopersPage);
