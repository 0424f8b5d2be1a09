// The operation limits on a schema of their own, through Yoga's fetch (no socket, no database).
import { GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, getIntrospectionQuery } from "graphql";
import { createSchema, createYoga } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { LIMITS, type Limits, MAX_LIST_ITEMS, useLimits } from "./limits.ts";

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    type Node { id: ID! child: Node }
    type Query { node: Node echo(ids: [ID!]): Int }
  `,
  resolvers: { Query: { node: () => null, echo: (_: unknown, args: { ids?: string[] }) => args.ids?.length ?? 0 } },
});

function server(limits: Partial<Limits> = {}) {
  // Yoga's parse and validation cache is on, as in the app: the limits must hold with it.
  const yoga = createYoga({ schema, plugins: useLimits({ ...LIMITS, ...limits }), logging: false });
  return async (query: string, variables?: Record<string, unknown>): Promise<Answer> => {
    const response = await yoga.fetch("http://test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  };
}

/** A selection `depth` fields deep: node { child { … { id } } }. */
const nested = (depth: number) => `{ node {${" child {".repeat(depth - 2)} id${" }".repeat(depth - 1)} }`;
const ECHO = "query ($ids: [ID!]) { echo(ids: $ids) }";
const ids = (count: number) => Array.from({ length: count }, (_, i) => String(i));

describe("useLimits", () => {
  it("answers an operation at the depth limit and refuses one level deeper before it runs", async () => {
    const run = server({ maxDepth: 4 });
    expect(await run(nested(4))).toEqual({ data: { node: null } });
    const refused = await run(nested(5));
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.message).toMatch(/depth limit of 4/);
  });

  it("exempts the standard introspection query from depth, so tools can read the schema", async () => {
    const answer = await server({ maxDepth: 4 })(getIntrospectionQuery());
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.__schema).toBeTruthy();
  });

  it("refuses too many aliases and too many tokens", async () => {
    const run = server({ maxAliases: 3, maxTokens: 200 });
    expect(await run("{ a: echo b: echo c: echo }")).toEqual({ data: { a: 0, b: 0, c: 0 } });
    expect((await run("{ a: echo b: echo c: echo d: echo }")).errors?.[0]?.message).toMatch(/aliases/i);
    expect((await run(`{ ${"echo ".repeat(250)}}`)).errors?.[0]?.message).toMatch(/more that 200 tokens/);
  });

  it("bounds list variables and names where the list is", async () => {
    const answer = await server()(ECHO, { ids: ids(MAX_LIST_ITEMS + 1) });
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "ids", rule: "max_items" });
  });

  it("judges each request by its own variables: a refused one does not refuse the next with the same document", async () => {
    const run = server();
    expect((await run(ECHO, { ids: ids(MAX_LIST_ITEMS + 1) })).errors?.[0]?.extensions?.rule).toBe("max_items");
    expect(await run(ECHO, { ids: ids(MAX_LIST_ITEMS) })).toEqual({ data: { echo: MAX_LIST_ITEMS } });
    expect((await run(ECHO, { ids: ids(MAX_LIST_ITEMS + 1) })).errors?.[0]?.extensions?.rule).toBe("max_items");
    expect(await run(ECHO, { ids: ["a"] })).toEqual({ data: { echo: 1 } });
  });

  it("bounds lists written in the document too", async () => {
    const literal = `[${ids(MAX_LIST_ITEMS + 1)
      .map((id) => `"${id}"`)
      .join(",")}]`;
    const answer = await server()(`{ echo(ids: ${literal}) }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", rule: "max_items" });
  });

  it("bounds how deep variables nest", async () => {
    let value: unknown = "x";
    for (let i = 0; i < 10; i++) value = [value];
    const answer = await server()(ECHO, { ids: value });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", rule: "max_depth" });
  });

  describe("remembers its verdict per document and variables", () => {
    // A field whose cost is its page size, counted in rows as the app's are (plugin-complexity's
    // extension); `calls` counts how often a cost was worked out.
    let calls = 0;
    const Item = new GraphQLObjectType({ name: "Item", fields: { id: { type: new GraphQLNonNull(GraphQLID) } } });
    const costed = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: "Query",
        fields: {
          items: {
            type: new GraphQLList(Item),
            args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
            extensions: {
              complexity: (args: { first: number }) => {
                calls += 1;
                return { field: 1, multiplier: args.first };
              },
            },
            resolve: (_: unknown, args: { first: number }) => Array.from({ length: args.first }, (_, i) => ({ id: String(i) })),
          },
        },
      }),
    });
    const PAGE = "query Page($first: Int!) { items(first: $first) { id } }";
    function costedServer() {
      const yoga = createYoga({ schema: costed, plugins: useLimits({ ...LIMITS, maxCost: 100 }), logging: false });
      return async (variables: Record<string, unknown>): Promise<Answer> => {
        const response = await yoga.fetch("http://test/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: PAGE, variables }),
        });
        return (await response.json()) as Answer;
      };
    }
    const allowed = (answer: Answer) => {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.items).toHaveLength(10);
    };
    const refused = (answer: Answer) => {
      expect(answer.data).toBeUndefined();
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "COST_LIMIT_EXCEEDED", maxCost: 100 });
    };

    it("answers a cheap page and refuses a costly one of the same document, the cheap one asked first", async () => {
      const run = costedServer();
      allowed(await run({ first: 10 }));
      refused(await run({ first: 200 }));
      allowed(await run({ first: 10 }));
      refused(await run({ first: 200 }));
    });

    it("refuses a costly page and answers a cheap one of the same document, the costly one asked first", async () => {
      const run = costedServer();
      refused(await run({ first: 200 }));
      allowed(await run({ first: 10 }));
      refused(await run({ first: 200 }));
      allowed(await run({ first: 10 }));
    });

    it("works a cost out once per variable set, and again for a new one", async () => {
      const run = costedServer();
      calls = 0;
      for (let i = 0; i < 5; i++) allowed(await run({ first: 10 }));
      expect(calls).toBe(1);
      for (let i = 0; i < 3; i++) refused(await run({ first: 200 }));
      expect(calls).toBe(2);
      expect((await run({ first: 3 })).data?.items).toHaveLength(3);
      expect(calls).toBe(3);
    });
  });
});
