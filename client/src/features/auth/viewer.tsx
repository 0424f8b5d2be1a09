// Who is signed in, for every page: the Viewer query runs once in the shell.
import { createContext, useContext, type Accessor } from "solid-js";
import { graphql } from "../../gql";
import type { ViewerQuery } from "../../gql/graphql";

/** What the client knows of the signed-in user: from the Viewer query and from signing in or up. */
export const ViewerFieldsFragment = graphql(`
  fragment ViewerFields on User {
    id
    name
    email
    role
    mentorProfile {
      approved
      headline
    }
  }
`);

export const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      ...ViewerFields
    }
  }
`);

export type Viewer = NonNullable<ViewerQuery["viewer"]>;

export interface ViewerState {
  viewer: Accessor<Viewer | null>;
  /** True until the first answer (or while signed out: false). */
  loading: Accessor<boolean>;
  failed: Accessor<boolean>;
  retry(): void;
}

export const ViewerContext = createContext<ViewerState>();

export function useViewer(): ViewerState {
  const state = useContext(ViewerContext);
  if (!state) throw new Error("useViewer outside the shell");
  return state;
}

export function homeFor(viewer: Viewer | null): string {
  if (!viewer) return "/sign-in";
  if (viewer.role === "MENTOR") return "/dashboard";
  if (viewer.role === "ADMIN") return "/admin";
  return "/mentors";
}
