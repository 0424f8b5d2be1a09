// The mentor's Bookings: tabs by status with live counts, and the Upcoming views (sessions
// starting today, this week: local days, soonest first); the list updates itself.
import { For, Show } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { createQuery } from "@urql/solid";
import type { BookingStatus } from "../gql/graphql";
import { forRoles } from "../features/auth/require-role";
import { useViewer } from "../features/auth/viewer";
import { BOOKING_CONTEXT, BookingCountsDocument } from "../features/bookings/live";
import { BookingList, NoBookings } from "../features/bookings/booking-list";
import { Notice } from "../components/ui";
import { localDays } from "../lib/format";

type TabKey = "pending" | "today" | "week" | "confirmed" | "completed" | "declined" | "all";
const TABS: { key: TabKey; label: string; statuses: BookingStatus[] | null; days?: number; empty: string }[] = [
  { key: "pending", label: "Pending", statuses: ["PENDING"], empty: "No paid bookings are waiting for you." },
  { key: "today", label: "Today", statuses: ["CONFIRMED"], days: 1, empty: "No sessions today." },
  { key: "week", label: "This week", statuses: ["CONFIRMED"], days: 7, empty: "No sessions in the next seven days." },
  { key: "confirmed", label: "Confirmed", statuses: ["CONFIRMED"], empty: "No confirmed sessions right now." },
  { key: "completed", label: "Completed", statuses: ["COMPLETED"], empty: "No completed sessions yet." },
  { key: "declined", label: "Declined", statuses: ["DECLINED"], empty: "You have not declined any booking." },
  { key: "all", label: "All", statuses: null, empty: "No bookings yet." },
];

function MentorBookings() {
  const [params] = useSearchParams();
  const { viewer } = useViewer();
  const current = () => TABS.find((tab) => tab.key === params.tab) ?? TABS[0]!;
  const [counts] = createQuery({ query: BookingCountsDocument, context: BOOKING_CONTEXT });
  const count = (key: TabKey) => (key === "today" || key === "week" ? undefined : counts.data?.[key].totalCount);
  return (
    <section class="page">
      <div class="page-head">
        <h1>Bookings</h1>
        <p class="lede">Paid bookings appear here as they arrive. Confirm or decline each, then add the session links.</p>
      </div>
      <Show when={viewer()?.mentorProfile && !viewer()!.mentorProfile!.approved}>
        <Notice tone="warning">
          <p>Your mentor profile is waiting for approval. Mentees can book you once an admin approves it.</p>
        </Notice>
      </Show>
      <nav class="tabs" aria-label="Booking status">
        <For each={TABS}>
          {(tab) => (
            <A
              href={tab.key === "pending" ? "/dashboard" : `/dashboard?tab=${tab.key}`}
              class="tab"
              classList={{ active: current().key === tab.key }}
              aria-current={current().key === tab.key ? "page" : undefined}
              data-tab={tab.key}
            >
              {tab.label}
              <Show when={count(tab.key) !== undefined}>
                <span class="tab-count" classList={{ hot: tab.key === "pending" && (count("pending") ?? 0) > 0 }}>
                  {count(tab.key)}
                </span>
              </Show>
            </A>
          )}
        </For>
      </nav>
      <Show when={current()} keyed>
        {(tab) => (
          <BookingList
            statuses={tab.statuses}
            starts={tab.days ? localDays(tab.days) : undefined}
            perspective="mentor"
            label={`${tab.label} bookings`}
            empty={<NoBookings title={tab.empty} />}
          />
        )}
      </Show>
    </section>
  );
}

export default forRoles(["MENTOR"], MentorBookings);
