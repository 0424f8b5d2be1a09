// Global (Relay) ids in arguments: a malformed or foreign id is simply "not found".
import { decodeGlobalID } from "@pothos/plugin-relay";
import { NotFoundError } from "../domain/errors.ts";

export function decodeId(typename: string, globalId: string, entity = typename): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename && /^[0-9a-f-]{36}$/i.test(decoded.id)) return decoded.id;
  } catch {
    // fall through
  }
  throw new NotFoundError(entity);
}
