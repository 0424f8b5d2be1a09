import { Match, Switch, type JSX } from "solid-js";
import { Navigate, useLocation } from "@solidjs/router";
import type { Role } from "../../gql/graphql";
import { ErrorNotice, Spinner } from "../../components/ui";
import { homeFor, useViewer } from "./viewer";

/** Renders children for a signed-in user with one of `roles`; others are sent or told where to go. */
export function RequireRole(props: { roles: Role[]; children: JSX.Element }) {
  const state = useViewer();
  const location = useLocation();
  return (
    <Switch>
      <Match when={state.loading()}>
        <Spinner />
      </Match>
      <Match when={state.failed()}>
        <ErrorNotice message="We could not load your account." retry={state.retry} />
      </Match>
      <Match when={!state.viewer()}>
        <Navigate href={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Match>
      <Match when={!props.roles.includes(state.viewer()!.role)}>
        <section class="page">
          <h1>Not available</h1>
          <p>This page is not part of your account.</p>
          <p>
            <a href={homeFor(state.viewer())}>Go to your home page</a>
          </p>
        </section>
      </Match>
      <Match when={true}>{props.children}</Match>
    </Switch>
  );
}
