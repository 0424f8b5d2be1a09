// Recognising database errors the same way on PostgreSQL (adapter-pg) and PGlite, whose
// adapters report a unique violation differently (P2002, or the raw SQLSTATE 23505).
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown } };
  return e.code === "P2002" || e.cause?.code === "23505" || e.cause?.originalCode === "23505";
}
