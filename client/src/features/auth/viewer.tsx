// Who is signed in, for every page: the Viewer query runs once in the shell.
import { createContext, useContext, type Accessor } from "solid-js";
import { graphql } from "../../gql";
import type { ViewerQuery } from "../../gql/graphql";
import type { QueryPair } from "../../components/query-state";

/** What the pages read of the signed-in user: the header, role routing, the approval notice. */
export const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      id
      name
      email
      role
      mentorProfile {
        approved
      }
    }
  }
`);

export type Viewer = NonNullable<ViewerQuery["viewer"]>;
export type Role = Viewer["role"];

export interface ViewerState {
  viewer: Accessor<Viewer | null>;
  /** The Viewer query, for QueryState (signed out: answered, nobody). */
  query: QueryPair;
  /** True until the first answer (or while signed out: false). */
  loading: Accessor<boolean>;
  retry(): void;
}

export const ViewerContext = createContext<ViewerState>();

export function useViewer(): ViewerState {
  const state = useContext(ViewerContext);
  if (!state) throw new Error("useViewer outside the shell");
  return state;
}

export function homeFor(viewer: { role: Role } | null): string {
  if (!viewer) return "/sign-in";
  if (viewer.role === "MENTOR") return "/dashboard";
  if (viewer.role === "ADMIN") return "/admin";
  return "/mentors";
}
