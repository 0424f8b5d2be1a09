// Global (Relay) ids in arguments. One that is not an id of the expected type (not base64, not
// "Type:<uuid>", another type's id) is a ValidationError naming the argument (rule "id"); a
// well-formed id of nothing the caller may see is NotFoundError, decided by the command.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { ValidationError } from "../shared/errors.ts";
import { isUuid } from "../shared/ids.ts";

const words = (typename: string) => typename.replace(/(?<=[a-z])(?=[A-Z])/g, " ").toLowerCase();

export function decodeId(typename: string, globalId: string, field = "id"): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename && isUuid(decoded.id)) return decoded.id;
  } catch {
    // fall through
  }
  throw new ValidationError(field, "id", `${field} must be the id of a ${words(typename)}.`);
}
