// A mentor's response figures (MentorReliability): one line on the mentors list for mentees
// ("New mentor" until there are enough decided requests), and a card on the mentor's own
// Earnings page with the counts and whether mentees see them yet.
import { Show } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";

export const ReliabilityFiguresFragment = graphql(`
  fragment ReliabilityFigures on MentorReliability {
    medianResponseMinutes
    acceptanceRate
    answeredCount
    confirmedCount
    declinedCount
    expiredCount
    sinceDays
    shownToMentees
  }
`);

/** "12 min", "3 h", "2 days": how long, in the unit that reads best. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

export const formatRate = (rate: number) => `${Math.round(rate * 100)}%`;

/** On the mentors list: the figures, or "New mentor" while there are too few to mean much. */
export function ReliabilityLine(props: { figures: FragmentType<typeof ReliabilityFiguresFragment> | null | undefined }) {
  const figures = () => (props.figures ? getFragmentData(ReliabilityFiguresFragment, props.figures) : null);
  return (
    <Show when={figures()} fallback={<p class="reliability muted">New mentor</p>}>
      {(f) => (
        <p class="reliability muted" data-testid="reliability">
          <Show when={f().medianResponseMinutes !== null}>Usually answers within {formatMinutes(f().medianResponseMinutes!)} · </Show>
          <Show when={f().acceptanceRate !== null}>accepts {formatRate(f().acceptanceRate!)} of requests</Show>
          <span class="visually-hidden"> (last {f().sinceDays} days)</span>
        </p>
      )}
    </Show>
  );
}

const requests = (n: number) => `${n} ${n === 1 ? "request" : "requests"}`;

/** On the mentor's Earnings page: their own figures, whatever their number. */
export function ReliabilityCard(props: { figures: FragmentType<typeof ReliabilityFiguresFragment>; minimum?: number }) {
  const f = () => getFragmentData(ReliabilityFiguresFragment, props.figures);
  const decided = () => f().confirmedCount + f().declinedCount + f().expiredCount;
  return (
    <section class="card reliability-card" aria-labelledby="reliability-title">
      <h2 id="reliability-title">How you answer requests</h2>
      <p class="muted">Over the last {f().sinceDays} days, from payment to your confirm or decline.</p>
      <dl class="reliability-figures">
        <div>
          <dt>Median response time</dt>
          <dd data-testid="median-response">{f().medianResponseMinutes === null ? "—" : formatMinutes(f().medianResponseMinutes!)}</dd>
        </div>
        <div>
          <dt>Acceptance rate</dt>
          <dd data-testid="acceptance-rate">{f().acceptanceRate === null ? "—" : formatRate(f().acceptanceRate!)}</dd>
        </div>
      </dl>
      <p>
        {f().confirmedCount} confirmed, {f().declinedCount} declined, {f().expiredCount} expired unanswered.
      </p>
      <p class="hint" data-testid="reliability-shown">
        <Show
          when={f().shownToMentees}
          fallback={`Mentees see these figures once ${requests(props.minimum ?? 5)} have been decided in ${f().sinceDays} days (${decided()} so far); until then you are listed as a new mentor.`}
        >
          Mentees see these figures on the mentors list.
        </Show>
      </p>
    </section>
  );
}
