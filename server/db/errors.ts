// Recognising database errors the same way on PostgreSQL (adapter-pg) and PGlite, whose
// adapters report a unique violation differently (P2002, or the raw SQLSTATE 23505).
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown } };
  return e.code === "P2002" || e.cause?.code === "23505" || e.cause?.originalCode === "23505";
}

/**
 * Errors that mean "busy or briefly unreachable, try again" rather than a fault: no pooled
 * connection in time (P2024), a transaction that could not start in time (P2028), the database
 * unreachable or gone (P1001, P1002, P1008, P1017), and PostgreSQL's own "too many connections",
 * "cannot connect now" and serialization failures (53300, 57P03, 40001). Looked for along the
 * error's causes (a GraphQL error wraps the original).
 */
const BUSY_CODES = new Set(["P2024", "P2028", "P1001", "P1002", "P1008", "P1017", "53300", "57P03", "40001"]);

export function isBusyDatabase(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const e = current as { code?: unknown; originalCode?: unknown; originalError?: unknown; cause?: unknown };
    if ((typeof e.code === "string" && BUSY_CODES.has(e.code)) || (typeof e.originalCode === "string" && BUSY_CODES.has(e.originalCode))) {
      return true;
    }
    current = e.originalError ?? e.cause;
  }
  return false;
}
