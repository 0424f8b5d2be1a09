// Global (Relay) ids in arguments. One that is not an id of the expected type (not base64, not
// "Type:<uuid>", another type's id) names nothing: NotFoundError, exactly as a well-formed id of
// nothing the caller may see (decided by the command), so an id is never a ValidationError.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { NotFoundError } from "../shared/errors.ts";
import { isUuid } from "../shared/ids.ts";

const words = (typename: string) => typename.replace(/(?<=[a-z])(?=[A-Z])/g, " ").toLowerCase();

/** The uuid behind a global id of `typename`; NotFoundError(entity) when it is not one. */
export function decodeId(typename: string, globalId: string, entity = capitalise(words(typename))): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename && isUuid(decoded.id)) return decoded.id;
  } catch {
    // fall through
  }
  throw new NotFoundError(entity);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
