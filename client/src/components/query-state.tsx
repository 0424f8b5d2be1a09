// The one loading / error / empty / data switch for a query's result, used by every page that
// fetches: a spinner until the first answer, an error with Try again when there is none, the
// empty state when the answer holds nothing, else the content. Content already shown stays up
// while a refetch runs (or fails), so live updates never flash a spinner; `stale` says above it
// that a refetch failed.
import { Match, Show, Switch, type JSX } from "solid-js";
import { ErrorNotice, Spinner } from "./ui";

/** What createQuery returns: the result, and refetch (Try again refetches from the network). */
export type QueryPair = readonly [
  { data?: unknown; fetching: boolean; error?: unknown },
  (options: { requestPolicy: "network-only" }) => void,
];

export function QueryState(props: {
  query: QueryPair;
  /** Shown while the first answer is on its way (default "Loading…"). */
  loading?: string;
  /** Shown when the first answer failed, with a Try again button. */
  error: string;
  /** Shown above the content when a refetch failed (the content may be out of date). */
  stale?: string;
  /** Whether the answer holds nothing to show; then `empty` is shown instead of the content. */
  isEmpty?: boolean;
  empty?: JSX.Element;
  children: JSX.Element;
}) {
  const result = () => props.query[0];
  const retry = () => props.query[1]({ requestPolicy: "network-only" });
  return (
    <Switch>
      <Match when={!result().data && !result().error}>
        <Spinner label={props.loading} />
      </Match>
      <Match when={!result().data}>
        <ErrorNotice message={props.error} retry={retry} />
      </Match>
      <Match when={props.isEmpty}>{props.empty}</Match>
      <Match when={true}>
        <Show when={props.stale && result().error}>
          <ErrorNotice message={props.stale!} retry={retry} />
        </Show>
        {props.children}
      </Match>
    </Switch>
  );
}
