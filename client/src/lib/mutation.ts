// Reading a mutation's result union: the success type by __typename, else the typed error.
// Every mutation spreads `...MutationError` next to its success type; this file is the one
// place that reads it (fragment masking keeps everyone else from depending on its fields).
import { getFragmentData, graphql, type FragmentType } from "../gql";
import type { TypedError } from "./errors";

/** `... on XSuccess { … } ...MutationError`: exactly what TypedError holds. */
const MutationErrorFragment = graphql(`
  fragment MutationError on Error {
    __typename
    code
    ... on ValidationError {
      field
      rule
    }
    ... on PaymentCaptureError {
      retryable
    }
  }
`);

/** A mutation's outcome: its success type, or the typed error (null when no answer came: the network). */
export type Outcome<S> = { ok: true; value: S } | { ok: false; error: TypedError | null };

type Union = { __typename: string };

/** The result union read by __typename: `success` names the success type. */
export function readResult<R extends Union, T extends R["__typename"]>(
  result: R | null | undefined,
  success: T,
): Outcome<Extract<R, { __typename: T }>> {
  if (!result) return { ok: false, error: null };
  if (result.__typename === success) return { ok: true, value: result as Extract<R, { __typename: T }> };
  const error = getFragmentData(MutationErrorFragment, result as FragmentType<typeof MutationErrorFragment>);
  return { ok: false, error: { ...error, __typename: result.__typename } };
}
