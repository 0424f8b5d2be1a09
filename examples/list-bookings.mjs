// Lists a mentor's bookings with an API key, page by page, printing each page's cost.
//   MENTORSHIP_URL=http://localhost:4000 MENTORSHIP_API_KEY=mbk_… node examples/list-bookings.mjs
// Only some statuses: MENTORSHIP_STATUS=PENDING,CONFIRMED (BookingStatus values).
// The key needs the BOOKINGS_READ scope (docs/partners.md). Node.js 20 or later; no dependencies.
const url = `${process.env.MENTORSHIP_URL ?? "http://localhost:4000"}/graphql`;
const key = process.env.MENTORSHIP_API_KEY;
if (!key) {
  console.error("Set MENTORSHIP_API_KEY to an API key with the BOOKINGS_READ scope.");
  process.exit(2);
}

const status = process.env.MENTORSHIP_STATUS ? process.env.MENTORSHIP_STATUS.split(",").map((s) => s.trim()) : null;

const QUERY = `query($after: String, $status: [BookingStatus!]) {
  bookings(first: 50, after: $after, status: $status) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status title createdAt price { formatted } mentee { name } } }
  }
}`;

async function graphql(query, variables) {
  for (;;) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    if (response.status === 429) {
      // Over the cost budget: nothing ran; wait as told and try again.
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      console.error(`Over budget; retrying in ${seconds} s.`);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    const body = await response.json();
    if (response.status === 401) throw new Error(`The key was refused: ${body.errors?.[0]?.message}`);
    if (body.errors?.length) throw new Error(`${body.errors[0].extensions?.code}: ${body.errors[0].message}`);
    return body;
  }
}

let after = null;
let listed = 0;
do {
  const { data, extensions } = await graphql(QUERY, { after, status });
  for (const { node } of data.bookings.edges) {
    console.log([node.createdAt.slice(0, 10), node.status.padEnd(16), node.price.formatted.padStart(10), node.title, `(${node.mentee.name})`].join("  "));
    listed++;
  }
  const { requestedQueryCost, throttleStatus } = extensions.cost;
  console.error(`page cost ${requestedQueryCost}; ${throttleStatus.currentlyAvailable} of ${throttleStatus.maximumAvailable} points left`);
  after = data.bookings.pageInfo.hasNextPage ? data.bookings.pageInfo.endCursor : null;
} while (after);
console.error(`${listed} bookings.`);
