// What a session type shows wherever it is listed: the mentor's own list and the mentors page.
import { graphql } from "../../gql";

export const SessionTypeFieldsFragment = graphql(`
  fragment SessionTypeFields on SessionType {
    id
    title
    durationMinutes
    active
    price {
      formatted
    }
  }
`);
