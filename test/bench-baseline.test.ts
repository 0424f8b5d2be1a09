// The bench's bare baseline (test/bench/bare-dashboard.ts) must accept the client's own Bookings
// document as the client sends it today: twice a change to that document (a new variable type,
// new fields) made the baseline refuse every request, and every ratio against it meant nothing
// until a bench run was read closely. No database: its one SQL statement is answered by a stub.
import { describe, expect, it } from "vitest";
import { bareDashboard } from "./bench/bare-dashboard.ts";
import { bookingsDocument } from "./support/client-documents.ts";

describe("the bench's bare dashboard baseline", () => {
  it("accepts the client's Bookings document and runs it (a stub database knows no token)", async () => {
    const statements: string[] = [];
    const yoga = bareDashboard(async (text) => {
      statements.push(text);
      return [];
    });
    const response = await yoga.fetch("http://bench/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer not-a-token" },
      body: JSON.stringify({ query: bookingsDocument(), variables: { status: null, first: 50 } }),
    });
    const answer = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    // Validated and executed: the resolver ran its statement and found no viewer.
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(statements).toHaveLength(1);
  });
});
