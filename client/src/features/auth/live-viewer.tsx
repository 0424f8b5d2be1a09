// One viewerChanged subscription per tab: changes that are not a booking's (the viewer's
// earnings and approval, the list of mentors) refetch the queries on screen that show them.
import { createSubscription } from "@urql/solid";
import { graphql } from "../../gql";
import type { ViewerChangeKind } from "../../gql/graphql";
import { useAppClient } from "../../lib/urql";

const ViewerChangedDocument = graphql(`
  subscription ViewerChanged {
    viewerChanged {
      kind
    }
  }
`);

/** The queries (by operation name) that show each kind of change. */
const SHOWN_BY: Record<ViewerChangeKind, readonly string[]> = {
  EARNINGS: ["Earnings", "MorePayouts"],
  APPROVAL: ["Viewer", "MentorsAwaitingApproval"],
  MENTORS: ["Mentors", "MentorsAwaitingApproval"],
};

export function LiveViewer() {
  const app = useAppClient();
  // The handler runs for every event, also when two in a row are alike.
  createSubscription({ query: ViewerChangedDocument }, (_, data) => {
    app?.refresh(SHOWN_BY[data.viewerChanged.kind] ?? []);
    return data;
  });
  return null;
}
