// A list run over its items' ids, never their positions. urql's Solid store reconciles a
// refetched list index by index, so an item must never hold on to the object it was drawn for:
// each looks its item up by id on every change, and what it holds (an open form, typed text, a
// busy button, an error) stays with that item whatever arrives, leaves or moves.
import { For, Show, createMemo, type Accessor, type JSX } from "solid-js";

export function ForEachId<T>(props: {
  each: readonly T[];
  /** The item's identity (default: its `id`). */
  key?: (item: T) => string;
  children: (item: Accessor<T>, id: string) => JSX.Element;
}) {
  const keyOf = (item: T) => (props.key ? props.key(item) : (item as { id: string }).id);
  const ids = createMemo(() => props.each.map(keyOf), [], { equals: sameIds });
  const byId = createMemo(() => new Map(props.each.map((item) => [keyOf(item), item])));
  return <For each={ids()}>{(id) => <Show when={byId().get(id)}>{(item) => props.children(item, id)}</Show>}</For>;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
