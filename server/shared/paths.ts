// The app's fixed routes, in one place so that route handlers and the pages that link to them
// import a constant rather than each other.
export const GRAPHQL_PATH = "/graphql";
export const WEBHOOK_PATH = "/webhooks/stripe";
