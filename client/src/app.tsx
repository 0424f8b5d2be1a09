// Routes (each lazily loaded so the first page stays small) inside one urql client. The
// client is rebuilt when the token changes: a fresh cache and a WebSocket with the new token.
import { Show, createMemo, lazy, onCleanup } from "solid-js";
import { Navigate, Route, Router } from "@solidjs/router";
import { Provider } from "@urql/solid";
import { makeClient } from "./lib/urql";
import { token } from "./lib/session";
import { Shell } from "./routes/shell";
import { homeFor, useViewer } from "./features/auth/viewer";
import { Spinner } from "./components/ui";

const SignIn = lazy(() => import("./routes/sign-in"));
const SignUp = lazy(() => import("./routes/sign-up"));
const Dashboard = lazy(() => import("./routes/dashboard"));
const SessionTypes = lazy(() => import("./routes/session-types"));
const Earnings = lazy(() => import("./routes/earnings"));
const Mentors = lazy(() => import("./routes/mentors"));
const MyBookings = lazy(() => import("./routes/my-bookings"));
const BookingPage = lazy(() => import("./routes/booking"));
const Admin = lazy(() => import("./routes/admin"));
const NotFound = lazy(() => import("./routes/not-found"));

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
            <Route path="*404" component={NotFound} />
          </Router>
        </Provider>
      )}
    </Show>
  );
}
