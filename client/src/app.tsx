// Routes (each lazily loaded so the first page stays small) inside one urql client. The
// client is rebuilt when the token changes: a fresh cache and a WebSocket with the new token.
import { Show, createMemo, lazy, onCleanup, type Component } from "solid-js";
import { Navigate, Route, Router } from "@solidjs/router";
import { Provider } from "@urql/solid";
import { AppClientContext, makeClient } from "./lib/urql";
import { token } from "./lib/session";
import { Shell } from "./routes/shell";
import { homeFor, useViewer } from "./features/auth/viewer";
import { Spinner } from "./components/ui";

/** A page that could not be loaded (offline, or a new release replaced its file): say so, offer a retry. */
function LoadFailed() {
  return (
    <section class="page narrow">
      <h1>This page did not load</h1>
      <p>Check your connection, then try again.</p>
      <button type="button" class="button" onClick={() => window.location.reload()}>
        Try again
      </button>
    </section>
  );
}

/** A lazily loaded route whose failed load shows LoadFailed instead of a blank page. */
function route(load: () => Promise<{ default: Component }>) {
  return lazy(() => load().catch(() => ({ default: LoadFailed })));
}

const SignIn = route(() => import("./routes/sign-in"));
const SignUp = route(() => import("./routes/sign-up"));
const Dashboard = route(() => import("./routes/dashboard"));
const SessionTypes = route(() => import("./routes/session-types"));
const Earnings = route(() => import("./routes/earnings"));
const Mentors = route(() => import("./routes/mentors"));
const MyBookings = route(() => import("./routes/my-bookings"));
const BookingPage = route(() => import("./routes/booking"));
const Admin = route(() => import("./routes/admin"));
const MentorLedger = route(() => import("./routes/mentor-ledger"));
const Developers = route(() => import("./routes/developers"));
const Account = route(() => import("./routes/account"));
const NotFound = route(() => import("./routes/not-found"));

function Home() {
  const state = useViewer();
  return (
    <Show when={!state.loading()} fallback={<Spinner />}>
      <Navigate href={homeFor(state.viewer())} />
    </Show>
  );
}

export function App() {
  const app = createMemo(() => {
    const created = makeClient(token());
    onCleanup(() => created.dispose());
    return created;
  });
  return (
    <Show when={app()} keyed>
      {(current) => (
        <AppClientContext.Provider value={current}>
          <Provider value={current.client}>
            <Router root={Shell}>
              <Route path="/" component={Home} />
              <Route path="/sign-in" component={SignIn} />
              <Route path="/sign-up" component={SignUp} />
              <Route path="/dashboard" component={Dashboard} />
              <Route path="/session-types" component={SessionTypes} />
              <Route path="/earnings" component={Earnings} />
              <Route path="/mentors" component={Mentors} />
              <Route path="/bookings" component={MyBookings} />
              <Route path="/bookings/:id" component={BookingPage} />
              <Route path="/admin" component={Admin} />
              <Route path="/admin/mentors/:id/ledger" component={MentorLedger} />
              <Route path="/developers" component={Developers} />
              <Route path="/account" component={Account} />
              <Route path="*404" component={NotFound} />
            </Router>
          </Provider>
        </AppClientContext.Provider>
      )}
    </Show>
  );
}
