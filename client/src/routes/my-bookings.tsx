import { For, Show } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { RequireRole } from "../features/auth/require-role";
import { BookingList, NoBookings } from "../features/bookings/booking-list";
import { localDays } from "../lib/format";

// The mentee's bookings: all of them, or the Upcoming views (confirmed sessions starting today or
// in the next seven days, in the viewer's own days, soonest first).
const VIEWS = [
  { key: "all", label: "All", days: 0 },
  { key: "today", label: "Today", days: 1 },
  { key: "week", label: "This week", days: 7 },
] as const;

export default function MyBookings() {
  const [params] = useSearchParams();
  const current = () => VIEWS.find((view) => view.key === params.view) ?? VIEWS[0];
  return (
    <RequireRole roles={["MENTEE"]}>
      <section class="page">
        <div class="page-head">
          <h1>My bookings</h1>
        </div>
        <nav class="tabs" aria-label="Which bookings">
          <For each={VIEWS}>
            {(view) => (
              <A
                href={view.key === "all" ? "/bookings" : `/bookings?view=${view.key}`}
                class="tab"
                classList={{ active: current().key === view.key }}
                aria-current={current().key === view.key ? "page" : undefined}
                data-tab={view.key}
              >
                {view.label}
              </A>
            )}
          </For>
        </nav>
        <Show when={current()} keyed>
          {(view) => (
            <BookingList
              statuses={view.days ? ["CONFIRMED"] : null}
              starts={view.days ? localDays(view.days) : undefined}
              perspective="mentee"
              label={view.days ? `Your sessions (${view.label.toLowerCase()})` : "Your bookings"}
              empty={
                view.days ? (
                  <NoBookings title={view.days === 1 ? "No sessions today." : "No sessions in the next seven days."} />
                ) : (
                  <NoBookings title="You have not booked a session yet.">
                    <p>
                      <A href="/mentors" class="button">
                        Find a mentor
                      </A>
                    </p>
                  </NoBookings>
                )
              }
            />
          )}
        </Show>
      </section>
    </RequireRole>
  );
}
