// Yoga's error masking, with one distinction: an operation that failed because the database was
// busy or briefly unreachable (server/db/errors.ts isBusyDatabase) is answered 503 with
// Retry-After and code SERVICE_UNAVAILABLE, so clients and load balancers retry it, instead of a
// masked internal error. A domain error (server/shared/errors.ts) thrown where no result union
// carries it keeps its message and code. Everything else unexpected stays masked as
// INTERNAL_SERVER_ERROR.
import { GraphQLError } from "graphql";
import { maskError as yogaMaskError } from "graphql-yoga";
import { isBusyDatabase } from "../db/errors.ts";
import { DomainError } from "../shared/errors.ts";

export const BUSY_RETRY_AFTER_SECONDS = 2;

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  // A domain refusal raised where no result union can carry it (a subscription's event, a plain
  // field): the caller gets its message and code, as a typed error would say it.
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: original.code },
    });
  }
  if (isBusyDatabase(error)) {
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError("The service is busy. Try again in a moment.", {
      path,
      extensions: {
        code: "SERVICE_UNAVAILABLE",
        retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
        http: { status: 503, headers: { "retry-after": String(BUSY_RETRY_AFTER_SECONDS) } },
      },
    });
  }
  return yogaMaskError(error, message, isDev);
}
