// "60 min · $50.00": a session type's length and price, wherever session types are listed.
import type { JSX } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";

export const SessionTypeMetaFragment = graphql(`
  fragment SessionTypeMeta on SessionType {
    durationMinutes
    price {
      formatted
    }
  }
`);

export function SessionTypeMeta(props: { sessionType: FragmentType<typeof SessionTypeMetaFragment>; children?: JSX.Element }) {
  const type = () => getFragmentData(SessionTypeMetaFragment, props.sessionType);
  return (
    <p class="muted">
      {type().durationMinutes} min · <span class="price">{type().price.formatted}</span>
      {props.children}
    </p>
  );
}
