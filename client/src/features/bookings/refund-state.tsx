// A booking's refund, in words: "Refund of $50.00: processing / refunded on … / failed".
// The failure text from the payment provider is never shown; the mentee is told what to do.
import { Match, Show, Switch } from "solid-js";
import { getFragmentData, graphql, type FragmentType } from "../../gql";
import type { RefundStateFragment as Refund } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";

export const RefundStateFragment = graphql(`
  fragment RefundState on Refund {
    status
    reason
    amount {
      formatted
    }
    succeededAt
  }
`);

const WHY: Record<Refund["reason"], { mentee: string; mentor: string }> = {
  DECLINED: { mentee: "the mentor declined this booking", mentor: "you declined this booking" },
  CANCELLED: { mentee: "you cancelled this booking", mentor: "the mentee cancelled this booking" },
  EXPIRED: { mentee: "this booking expired before it was confirmed", mentor: "this booking expired before you answered it" },
  LATE_PAYMENT: {
    mentee: "the payment arrived after this booking had closed",
    mentor: "the mentee's payment arrived after this booking had closed",
  },
  AMOUNT_MISMATCH: {
    mentee: "the amount charged did not match the price of this booking",
    mentor: "the amount the mentee was charged did not match the price",
  },
  ADMIN: { mentee: "our team cancelled this booking", mentor: "our team cancelled this booking" },
  MENTOR_CANCELLED: { mentee: "your mentor cancelled this session", mentor: "you cancelled this session" },
  PROBLEM_REPORT: { mentee: "our team resolved your problem report", mentor: "our team resolved the mentee's problem report" },
};

export function RefundState(props: { refund: FragmentType<typeof RefundStateFragment>; perspective: "mentor" | "mentee" }) {
  const refund = () => getFragmentData(RefundStateFragment, props.refund);
  const why = () => WHY[refund().reason]?.[props.perspective];
  return (
    <div
      class={`refund refund-${refund().status.toLowerCase()}`}
      role="status"
      aria-live="polite"
      data-testid="refund"
      data-refund-status={refund().status}
    >
      <p>
        <strong>Refund of {refund().amount.formatted}</strong>
        <Switch>
          <Match when={refund().status === "PENDING"}>
            {" "}
            — processing. {props.perspective === "mentee" ? "You will see it on your statement within 5–10 business days." : ""}
          </Match>
          <Match when={refund().status === "SUCCEEDED"}>
            {" "}
            — refunded
            {refund().succeededAt ? (
              <>
                {" "}
                on <time datetime={refund().succeededAt ?? undefined}>{formatDateTime(refund().succeededAt)}</time>
              </>
            ) : (
              ""
            )}
            .
          </Match>
          <Match when={refund().status === "FAILED"}>
            {" "}
            — failed.{" "}
            {props.perspective === "mentee"
              ? "Our team has been told and will follow up with you; contact support if you have questions."
              : "Our team has been told and will follow up with the mentee."}
          </Match>
        </Switch>
      </p>
      <Show when={why()}>{(why) => <p class="hint">{`${why().charAt(0).toUpperCase()}${why().slice(1)}.`}</p>}</Show>
    </div>
  );
}
