// The one way the client changes a booking: confirm, decline, add links, schedule, complete, cancel. Each
// runs its mutation, reads the result union (success: the updated booking; typed errors: words
// for the form or buttons of that booking) and keeps its state (busy, errors, done) by booking
// id, never by where the booking sits in a list: what arrives live can move, add or remove
// bookings, and a result still lands on the booking it was started for.
import { createStore } from "solid-js/store";
import { useClient } from "@urql/solid";
import type { AnyVariables, Client, TypedDocumentNode } from "@urql/core";
import type { VariablesOf } from "@graphql-typed-document-node/core";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { TransitionedBookingFragment as TransitionedBooking } from "../../gql/graphql";
import { readResult, type Outcome } from "../../lib/mutation";
import { IDLE, perform, type FormState, type FormStore } from "../../components/form";

/** What a transition hands back: the booking as it is now. */
const TransitionedBookingFragment = graphql(`
  fragment TransitionedBooking on Booking {
    id
    status
    viewerCan
    startsAt
    endsAt
  }
`);

// The mutations differ only in name and arguments: each selects its success type's booking
// and the errors, written one to a line.
const ConfirmDocument = graphql(`
  mutation ConfirmBooking($id: ID!) {
    confirmBooking(id: $id) { __typename ... on ConfirmBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }
  }
`);
const DeclineDocument = graphql(`
  mutation DeclineBooking($id: ID!, $reason: String) {
    declineBooking(id: $id, reason: $reason) { __typename ... on DeclineBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }
  }
`);
const AddLinksDocument = graphql(`
  mutation AddBookingLinks($id: ID!, $availabilityLink: String!, $meetingLink: String!) {
    addBookingLinks(id: $id, availabilityLink: $availabilityLink, meetingLink: $meetingLink) {
      __typename ... on AddBookingLinksSuccess { booking { ...TransitionedBooking } } ...MutationError
    }
  }
`);
const ScheduleDocument = graphql(`
  mutation ScheduleSession($id: ID!, $startsAt: DateTime!) {
    scheduleSession(id: $id, startsAt: $startsAt) {
      __typename ... on ScheduleSessionSuccess { booking { ...TransitionedBooking } } ...MutationError
    }
  }
`);
const CompleteDocument = graphql(`
  mutation CompleteBooking($id: ID!) {
    completeBooking(id: $id) { __typename ... on CompleteBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }
  }
`);
const CancelDocument = graphql(`
  mutation CancelBooking($id: ID!) {
    cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { ...TransitionedBooking } } ...MutationError }
  }
`);

/** Each transition (named as in Booking.viewerCan): its mutation and its success type. */
const TRANSITIONS = {
  CONFIRM: { document: ConfirmDocument, success: "ConfirmBookingSuccess" },
  DECLINE: { document: DeclineDocument, success: "DeclineBookingSuccess" },
  ADD_LINKS: { document: AddLinksDocument, success: "AddBookingLinksSuccess" },
  SCHEDULE: { document: ScheduleDocument, success: "ScheduleSessionSuccess" },
  COMPLETE: { document: CompleteDocument, success: "CompleteBookingSuccess" },
  CANCEL: { document: CancelDocument, success: "CancelBookingSuccess" },
} as const;

export type Transition = keyof typeof TRANSITIONS;
type Variables<T extends Transition> = VariablesOf<(typeof TRANSITIONS)[T]["document"]>;
type Result = { __typename: string; booking?: FragmentType<typeof TransitionedBookingFragment> };

function transitionsFor(client: Client) {
  const [state, setState] = createStore<Record<string, Partial<Record<Transition, FormState>>>>({});

  /** Run a transition's mutation and read its result union. */
  async function execute<T extends Transition>(action: T, variables: Variables<T>): Promise<Outcome<TransitionedBooking>> {
    const spec = TRANSITIONS[action];
    const document = spec.document as unknown as TypedDocumentNode<Record<string, Result>, AnyVariables>;
    const result = await client.mutation(document, variables).toPromise();
    const outcome = readResult<Result, string>(result.data ? Object.values(result.data)[0] : undefined, spec.success);
    if (!outcome.ok) return outcome;
    return { ok: true, value: getFragmentData(TransitionedBookingFragment, outcome.value.booking!) };
  }

  /** One booking's state for one transition, for createForm. */
  function store(id: string, action: Transition): FormStore {
    return {
      get: () => state[id]?.[action] ?? IDLE,
      set: (next) => setState(id, (entry = {}) => ({ ...entry, [action]: { ...(entry[action] ?? IDLE), ...next } })),
    };
  }

  return {
    execute,
    store,
    /** A transition from a button: its failure is kept for that booking's buttons. */
    run: <T extends Transition>(id: string, action: T, variables: Variables<T>) =>
      perform(store(id, action), {}, () => execute(action, variables)),
    state: (id: string, action: Transition): FormState => store(id, action).get(),
    /** Clear these transitions' errors for a booking (what it allows changed, or another action started). */
    clear(id: string, actions: readonly Transition[]) {
      for (const action of actions) if (state[id]?.[action]) store(id, action).set({ message: undefined, fields: {} });
    },
    /** Drop what is kept for a booking's transitions, except those still running (their result still lands). */
    forget(id: string, actions: readonly Transition[] = Object.keys(TRANSITIONS) as Transition[]) {
      for (const action of actions) if (state[id]?.[action] && !state[id]?.[action]?.busy) setState(id, action, undefined);
    },
  };
}

export type Transitions = ReturnType<typeof transitionsFor>;

const perClient = new WeakMap<Client, Transitions>();

/** The booking transitions of this client (a new sign-in starts with nothing kept). */
export function useTransitions(): Transitions {
  const client = useClient();
  const known = perClient.get(client);
  if (known) return known;
  const transitions = transitionsFor(client);
  perClient.set(client, transitions);
  return transitions;
}
