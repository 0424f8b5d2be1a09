// The dependency rule (README "Layout"), checked in CI with `npm run depcruise`.
//
// Modules are grouped by business capability and stacked in layers; a module may import its own
// layer or any layer below, never one above. Layer by layer, bottom first:
const LAYERS = [
  // the kernel: pure helpers, constants, and the ports (interfaces the adapters implement)
  ["shared", "ports", "generated", "log.ts", "env.ts"],
  // infrastructure every capability uses
  ["db", "pubsub.ts", "security", "services.ts", "jobs"],
  // capabilities that only record: the double-entry ledger, the email outbox and the webhook outbox
  // (and its delivery)
  ["ledger", "email", "webhooks"],
  ["accounts", "refunds"],
  ["bookings"],
  ["payouts", "reconcile"],
  // adapters: Stripe and the offline simulators, which implement the ports
  ["stripe", "simulator"],
  // the GraphQL schema
  ["schema", "context.ts", "limits.ts"],
  // HTTP and WebSocket
  ["http"],
  // composition: the roots and what only they assemble
  ["tasks.ts", "seed.ts", "static-files.ts", "compose.ts", "app.ts", "main.ts"],
];
const pathOf = (name) => (name.endsWith(".ts") ? `^server/${name.replace(".", "\\.")}$` : `^server/${name}/`);
const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-import-from-${layer[0].replace(".ts", "")}`,
  comment: `${layer.join(", ")} may not import a higher layer: ${LAYERS.slice(index + 1).flat().join(", ")}.`,
  severity: "error",
  from: { path: layer.map(pathOf).join("|") },
  to: { path: LAYERS.slice(index + 1).flat().map(pathOf).join("|") },
}));
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "ports-import-nothing",
      comment: "The ports (gateway interfaces, their errors, the event outcome) depend on nothing of ours, so every side can import them.",
      severity: "error",
      from: { path: "^server/ports/" },
      to: { path: "^server/", pathNot: "^server/ports/" },
    },
    {
      name: "adapters-see-only-ports",
      comment: "Stripe and the simulators implement the ports; only the dispatcher (event type to handler) reaches the capabilities.",
      severity: "error",
      from: { path: "^server/(stripe|simulator)/", pathNot: "^server/stripe/dispatcher\\.ts$" },
      to: { path: "^server/(accounts|bookings|refunds|payouts|ledger|email|reconcile)/" },
    },
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
      comment: "Stripe and the simulators are chosen and mounted in server/compose.ts and server/app.ts; everyone else uses the ports (server/ports/) and server/email/sender.ts's interface.",
      severity: "error",
      from: { path: "^server/", pathNot: "^server/(compose|app)\\.ts$|^server/(stripe|simulator)/" },
      to: { path: "^server/(stripe|simulator)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^server/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
