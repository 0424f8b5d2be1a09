import { Show, type Component, type JSX } from "solid-js";
import { Navigate, useLocation } from "@solidjs/router";
import type { Role } from "../../gql/graphql";
import { QueryState } from "../../components/query-state";
import { homeFor, useViewer } from "./viewer";

/** Renders children for a signed-in user with one of `roles`; others are sent or told where to go. */
export function RequireRole(props: { roles: Role[]; children: JSX.Element }) {
  const state = useViewer();
  const location = useLocation();
  return (
    <QueryState
      query={state.query}
      error="We could not load your account."
      isEmpty={!state.viewer()}
      empty={<Navigate href={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} />}
    >
      <Show
        when={props.roles.includes(state.viewer()!.role)}
        fallback={
          <section class="page">
            <h1>Not available</h1>
            <p>This page is not part of your account.</p>
            <p>
              <a href={homeFor(state.viewer())}>Go to your home page</a>
            </p>
          </section>
        }
      >
        {props.children}
      </Show>
    </QueryState>
  );
}

/** A route page for users with one of `roles`. */
export function forRoles(roles: Role[], Page: Component): Component {
  return () => (
    <RequireRole roles={roles}>
      <Page />
    </RequireRole>
  );
}
