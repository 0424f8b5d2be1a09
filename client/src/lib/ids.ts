// Relay global ids are base64("Type:rawId"). The payment simulator returns to
// /bookings/<raw uuid>, so routes accept either form.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGlobalId(type: string, id: string): string {
  return UUID.test(id) ? btoa(`${type}:${id}`) : id;
}

/** A route parameter decoded, or as it is when it is not valid percent-encoding (a mistyped URL). */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
