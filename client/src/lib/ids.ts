// Relay global ids are base64("Type:rawId"). The payment simulator returns to
// /bookings/<raw uuid>, so routes accept either form.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGlobalId(type: string, id: string): string {
  return UUID.test(id) ? btoa(`${type}:${id}`) : id;
}
