// The frame of every page: header with navigation by role, the live connection state, the
// booking subscription and an announcer for changes made elsewhere.
import { Show, Suspense, createEffect, createSignal, on, onCleanup, type JSX } from "solid-js";
import { A, useLocation } from "@solidjs/router";
import { createMutation, createQuery } from "@urql/solid";
import { graphql } from "../gql";
import { token, setToken } from "../lib/session";
import { ConnectionBadge } from "../components/connection-badge";
import { Spinner } from "../components/ui";
import { ViewerContext, ViewerDocument, type ViewerState } from "../features/auth/viewer";
import { BOOKING_CONTEXT, BookingCountsDocument, LiveBookings } from "../features/bookings/live";
import { LiveViewer } from "../features/auth/live-viewer";

const LogOutDocument = graphql(`
  mutation LogOut {
    logOut {
      __typename
    }
  }
`);

export function Shell(props: { children?: JSX.Element }) {
  const [viewerResult, refetchViewer] = createQuery({ query: ViewerDocument, pause: () => !token() });
  const viewer = () => viewerResult.data?.viewer ?? null;
  const state: ViewerState = {
    viewer,
    query: [
      {
        get data() {
          return token() ? viewerResult.data : { viewer: null };
        },
        get fetching() {
          return Boolean(token()) && viewerResult.fetching;
        },
        get error() {
          return token() ? viewerResult.error : undefined;
        },
      },
      refetchViewer,
    ],
    loading: () => Boolean(token()) && viewerResult.data === undefined && !viewerResult.error,
    retry: () => refetchViewer({ requestPolicy: "network-only" }),
  };

  // A token the server no longer accepts (expired, revoked): sign out locally.
  createEffect(() => {
    if (token() && viewerResult.data && viewerResult.data.viewer === null && !viewerResult.fetching) setToken(null);
  });

  const [counts] = createQuery({
    query: BookingCountsDocument,
    context: BOOKING_CONTEXT,
    pause: () => viewer()?.role !== "MENTOR",
  });
  const pending = () => counts.data?.pending.totalCount ?? 0;
  // Each route's title is its h1; focus moves to that heading when the route changes, so a screen
  // reader hears the new page and Tab starts from it.
  const location = useLocation();
  const [heading, setHeading] = createSignal("");
  let main: HTMLElement | undefined;
  let firstRoute = true;
  createEffect(
    on(
      () => location.pathname,
      () => {
        const moveFocus = !firstRoute;
        firstRoute = false;
        let tries = 0;
        const find = () => {
          const h1 = main?.querySelector<HTMLElement>("h1");
          if (!h1 && tries++ < 60) return void setTimeout(find, 50); // lazy routes render a moment later
          setHeading(h1?.textContent?.trim() ?? "");
          if (h1 && moveFocus) {
            if (!h1.hasAttribute("tabindex")) h1.setAttribute("tabindex", "-1");
            h1.focus();
          }
        };
        queueMicrotask(find);
      },
    ),
  );
  createEffect(() => {
    const count = viewer()?.role === "MENTOR" && pending() > 0 ? `(${pending()}) ` : "";
    document.title = `${count}${heading() ? `${heading()} · ` : ""}Mentorship bookings`;
  });

  const [announcement, setAnnouncement] = createSignal("");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const announce = (text: string) => {
    setAnnouncement(text);
    clearTimeout(timer);
    timer = setTimeout(() => setAnnouncement(""), 8000);
  };
  onCleanup(() => clearTimeout(timer));

  const [, logOut] = createMutation(LogOutDocument);
  const signOut = async () => {
    await logOut({}).catch(() => undefined);
    // The token rebuilds the client and the router, which starts from the current URL.
    window.history.replaceState(null, "", "/sign-in");
    setToken(null);
  };

  return (
    <ViewerContext.Provider value={state}>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a real link to #main; the handler only keeps the router from treating the fragment as a route */}
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          // The router would treat #main as a route; move focus to the content instead.
          event.preventDefault();
          main?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <A href="/" class="brand" end>
            <span class="brand-mark" aria-hidden="true" />
            Mentorship
          </A>
          <Show when={viewer()}>
            {(v) => (
              <nav class="mainnav" aria-label="Main">
                <Show when={v().role === "MENTOR"}>
                  <A href="/dashboard" activeClass="active">
                    Bookings
                    <Show when={pending() > 0}>
                      <span class="count" aria-hidden="true">
                        {pending()}
                      </span>
                      <span class="visually-hidden">({pending()} pending)</span>
                    </Show>
                  </A>
                  <A href="/session-types" activeClass="active">
                    Session types
                  </A>
                  <A href="/earnings" activeClass="active">
                    Earnings
                  </A>
                </Show>
                <Show when={v().role === "MENTEE"}>
                  <A href="/mentors" activeClass="active">
                    Find a mentor
                  </A>
                  <A href="/bookings" activeClass="active" end>
                    My bookings
                  </A>
                </Show>
                <Show when={v().role === "ADMIN"}>
                  <A href="/admin" activeClass="active">
                    Admin
                  </A>
                </Show>
                <Show when={v().role !== "MENTEE"}>
                  <A href="/developers" activeClass="active">
                    Developers
                  </A>
                </Show>
              </nav>
            )}
          </Show>
          <div class="topbar-end">
            <Show
              when={viewer()}
              fallback={
                <Show when={!token()}>
                  <A href="/mentors" class="navlink">
                    Mentors
                  </A>
                  <A href="/sign-in" class="navlink">
                    Sign in
                  </A>
                </Show>
              }
            >
              {(v) => (
                <>
                  <ConnectionBadge />
                  <A
                    href="/account"
                    class="who"
                    activeClass="active"
                    title={v().email ?? undefined}
                    aria-label={`Your account: ${v().name}`}
                  >
                    {v().name}
                  </A>
                  <button type="button" class="button button-ghost" onClick={signOut}>
                    Sign out
                  </button>
                </>
              )}
            </Show>
          </div>
        </div>
      </header>
      <Show when={viewer()}>{(v) => <LiveBookings viewerId={v().id} onChange={announce} />}</Show>
      <Show when={!state.loading()}>
        <LiveViewer />
      </Show>
      <div class="toast-region" role="status" aria-live="polite">
        <Show when={announcement()}>
          <div class="toast">{announcement()}</div>
        </Show>
      </div>
      <main id="main" tabindex="-1" ref={main}>
        <Suspense fallback={<Spinner />}>{props.children}</Suspense>
      </main>
    </ViewerContext.Provider>
  );
}
