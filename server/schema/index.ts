// Imports every type file and builds the schema.
import { builder } from "./builder.ts";
import { guardConnectionArgs } from "./connection-args.ts";
import "./scalars.ts";
import "./enums.ts";
import "./errors.ts";
import "./user.ts";
import "./session-type.ts";
import "./session.ts";
import "./booking.ts";
import "./earnings.ts";
import "./viewer-changed.ts";
import "./operations.ts";
import "./api-key.ts";
import "./admin.ts";
import "./problem-report.ts";
import "./dispute.ts";
import "./webhook.ts";
import "./partner-app.ts";
import "./reliability.ts";

export const schema = guardConnectionArgs(builder.toSchema({ sortSchema: true }));
