// The dependency rule (README "Layout"), checked in CI with `npm run depcruise`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules depend one way; a cycle means an interface or a constant belongs in a module of its own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "roots-are-not-imported",
      comment: "server/compose.ts and server/app.ts build everything; only entry points (main, scripts, tests) import them.",
      severity: "error",
      from: { path: "^server/", pathNot: "^server/(main|app)\\.ts$" },
      to: { path: "^server/(compose|app)\\.ts$" },
    },
    {
      name: "implementations-only-from-the-root",
      comment: "Stripe, the simulators' gateways and the email senders are chosen in server/compose.ts; everyone else uses the interfaces (payments/gateway.ts, payments/payout-gateway.ts, email/sender.ts types).",
      severity: "error",
      from: { path: "^server/", pathNot: "^server/(compose|app)\\.ts$|^server/payments/(stripe-gateway|stripe-payout-gateway)\\.ts$" },
      to: { path: "^server/payments/(stripe-client|stripe-gateway|stripe-payout-gateway)\\.ts$" },
    },
    {
      name: "domain-below-the-edges",
      comment: "Domain rules and the ledger know nothing of GraphQL, HTTP or the scheduler (a task only implements jobs/task.ts).",
      severity: "error",
      from: { path: "^server/(domain|ledger)/" },
      to: { path: "^server/(schema|http|jobs)/|^server/(app|compose|main|limits|context)\\.ts$", pathNot: "^server/jobs/task\\.ts$" },
    },
    {
      name: "schema-not-http",
      comment: "The schema is transport-free: HTTP and WebSocket details stay in server/http and app.ts.",
      severity: "error",
      from: { path: "^server/schema/" },
      to: { path: "^server/http/|^server/app\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^server/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
