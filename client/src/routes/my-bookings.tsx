import { A } from "@solidjs/router";
import { RequireRole } from "../features/auth/require-role";
import { BookingList, NoBookings } from "../features/bookings/booking-list";

export default function MyBookings() {
  return (
    <RequireRole roles={["MENTEE"]}>
      <section class="page">
        <div class="page-head">
          <h1>My bookings</h1>
        </div>
        <BookingList
          statuses={null}
          perspective="mentee"
          label="Your bookings"
          empty={
            <NoBookings title="You have not booked a session yet.">
              <p>
                <A href="/mentors" class="button">
                  Find a mentor
                </A>
              </p>
            </NoBookings>
          }
        />
      </section>
    </RequireRole>
  );
}
