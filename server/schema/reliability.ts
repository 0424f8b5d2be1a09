// MentorReliability: a mentor's median response time and acceptance rate over the last 90 days
// (server/bookings/mentor-reliability.ts), on MentorProfile for mentees (null until there are
// enough decided requests) and on Earnings for the mentor themselves (always). The figures of all
// the mentors one operation shows are read in one SQL statement: each field asks a per-request
// batch, which runs once the current round of resolvers has asked. Mentees' figures may be up to
// a minute old on an instance (cachedReliability); the mentor's own are read fresh.
import { builder } from "./builder.ts";
import { EarningsRef } from "./earnings.ts";
import type { Context } from "../context.ts";
import {
  cachedReliability,
  RELIABILITY_MINIMUM_REQUESTS,
  RELIABILITY_WINDOW_DAYS,
  type MentorReliability,
} from "../bookings/mentor-reliability.ts";

interface Batch {
  ids: Set<string>;
  /** Read now, not taken from what the instance keeps (the mentor's own figures). */
  fresh: Set<string>;
  figures: Promise<Map<string, MentorReliability>>;
}

/** The batch being gathered, per request context (nothing is kept once it has run: no stale figures on a socket). */
const gathering = new WeakMap<object, Batch>();

function reliabilityOf(context: Context, mentorId: string, fresh = false): Promise<MentorReliability> {
  let batch = gathering.get(context);
  if (!batch) {
    const ids = new Set<string>();
    const freshIds = new Set<string>();
    // As DataLoader does: after the promises already queued, then the next tick.
    const figures = Promise.resolve()
      .then(() => new Promise<void>((resolve) => process.nextTick(resolve)))
      .then(() => {
        gathering.delete(context);
        return cachedReliability(context.db, [...ids], freshIds);
      });
    batch = { ids, fresh: freshIds, figures };
    gathering.set(context, batch);
  }
  batch.ids.add(mentorId);
  if (fresh) batch.fresh.add(mentorId);
  return batch.figures.then((all) => all.get(mentorId)!);
}

const MentorReliabilityRef = builder.objectRef<MentorReliability>("MentorReliability").implement({
  description: `How reliably a mentor answers paid requests over the last ${RELIABILITY_WINDOW_DAYS} days. A request counts when it was decided in that window: answered (confirmed or declined) or expired unanswered. Requests still pending, cancelled before an answer, or never paid do not count.`,
  fields: (t) => ({
    medianResponseMinutes: t.int({
      nullable: true,
      description:
        "Median minutes from the mentee's payment to the mentor's answer (confirm or decline), rounded. Null when none was answered.",
      resolve: (r) => r.medianResponseMinutes,
    }),
    acceptanceRate: t.float({
      nullable: true,
      description: "Confirmed requests / (confirmed + declined + expired), from 0 to 1. Null when none was decided.",
      resolve: (r) => r.acceptanceRate,
    }),
    answeredCount: t.exposeInt("answeredCount", {
      description: "Requests the mentor answered (confirmed or declined): what the median is over.",
    }),
    confirmedCount: t.exposeInt("confirmedCount", { description: "Requests the mentor confirmed." }),
    declinedCount: t.exposeInt("declinedCount", { description: "Requests the mentor declined." }),
    expiredCount: t.exposeInt("expiredCount", { description: "Paid requests that expired before the mentor answered." }),
    sinceDays: t.exposeInt("sinceDays", { description: `The window, in days (${RELIABILITY_WINDOW_DAYS}), ending now.` }),
    shownToMentees: t.boolean({
      description: `Mentees see these figures (MentorProfile.reliability) from ${RELIABILITY_MINIMUM_REQUESTS} decided requests in the window on.`,
      resolve: (r) => r.meaningful,
    }),
  }),
});

builder.prismaObjectField("MentorProfile", "reliability", (t) =>
  t.field({
    type: MentorReliabilityRef,
    nullable: true,
    select: { userId: true },
    description: `The mentor's median response time and acceptance rate over the last ${RELIABILITY_WINDOW_DAYS} days, as of at most a minute ago. Null until ${RELIABILITY_MINIMUM_REQUESTS} requests were decided in that window (a new mentor, or one with few bookings): too few to mean much.`,
    resolve: async (profile, _, context) => {
      const figures = await reliabilityOf(context, profile.userId);
      return figures.meaningful ? figures : null;
    },
  }),
);

builder.objectField(EarningsRef, "reliability", (t) =>
  t.field({
    type: MentorReliabilityRef,
    description: `The viewer's own response figures over the last ${RELIABILITY_WINDOW_DAYS} days, whatever their number; \`shownToMentees\` says whether mentees see them yet.`,
    resolve: (earnings, _, context) => reliabilityOf(context, earnings.mentorId, true),
  }),
);
