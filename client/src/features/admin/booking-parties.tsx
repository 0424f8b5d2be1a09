// Who a booking is between, as admins see it: the mentee, and the mentor whose name opens the
// mentor's ledger account.
import { A } from "@solidjs/router";
import { getFragmentData, graphql, type FragmentType } from "../../gql";

export const BookingPartiesFragment = graphql(`
  fragment BookingParties on Booking {
    mentee {
      name
    }
    mentor {
      id
      name
    }
  }
`);

/** The address of a mentor's ledger page. */
const ledgerHref = (mentorId: string) => `/admin/mentors/${encodeURIComponent(mentorId)}/ledger`;

export function BookingParties(props: { booking: FragmentType<typeof BookingPartiesFragment> }) {
  const booking = () => getFragmentData(BookingPartiesFragment, props.booking);
  return (
    <>
      {booking().mentee.name} with{" "}
      <A href={ledgerHref(booking().mentor.id)} aria-label={`${booking().mentor.name} (ledger)`}>
        {booking().mentor.name}
      </A>
    </>
  );
}
