// Receives the platform's webhooks, verifies each with the Standard Webhooks reference library,
// skips ones it already handled (by `webhook-id`) and prints one line per event.
//   npm install standardwebhooks
//   WEBHOOK_SECRET=whsec_… PORT=8080 node examples/webhook-receiver.mjs
// The secret is the one createWebhookEndpoint (or revealWebhookEndpointSecret) returned. During a
// secret rotation, set WEBHOOK_SECRET to both, separated by a comma: either one verifies.
// Node.js 20 or later. Answer fast (2xx within 10 seconds) and do slow work afterwards.
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const secrets = (process.env.WEBHOOK_SECRET ?? "").split(",").filter(Boolean);
if (secrets.length === 0) {
  console.error("Set WEBHOOK_SECRET to the endpoint's signing secret (whsec_…).");
  process.exit(2);
}
const verifiers = secrets.map((secret) => new Webhook(secret));
/** Handled webhook-ids; keep them in your database in a real app (a delivery can come twice). */
const handled = new Set();

function verify(body, headers) {
  for (const verifier of verifiers) {
    try {
      // Checks the signature and that webhook-timestamp is within 5 minutes (replays are refused).
      return verifier.verify(body, headers);
    } catch {
      // try the next secret
    }
  }
  return null;
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    // Verify the raw body exactly as received: a parsed and re-serialised body would not match.
    const body = Buffer.concat(chunks).toString("utf8");
    const event = verify(body, request.headers);
    if (!event) {
      console.error("Refused a request with a bad signature.");
      response.writeHead(400).end();
      return;
    }
    const id = request.headers["webhook-id"];
    if (!handled.has(id)) {
      handled.add(id);
      const subject = event.data.booking?.id ?? event.data.refund?.bookingId ?? event.data.payout?.id;
      console.log(`${event.type} ${subject} ${id}`);
    }
    response.writeHead(204).end();
  });
});

server.listen(Number(process.env.PORT ?? 8080), "127.0.0.1", () => {
  console.error(`Listening on http://127.0.0.1:${server.address().port}/`);
});
