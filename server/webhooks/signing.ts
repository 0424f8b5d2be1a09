// Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-id`,
// `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of
// "<id>.<timestamp>.<body>">`, through the specification's reference library. During a secret
// rotation's overlap a delivery carries one signature per secret, separated by a space.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

export const SECRET_PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

export function signatureHeaders(input: { id: string; timestamp: Date; body: string; secrets: readonly string[] }): Record<string, string> {
  const seconds = Math.floor(input.timestamp.getTime() / 1000);
  const at = new Date(seconds * 1000);
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(seconds),
    "webhook-signature": input.secrets.map((secret) => new Webhook(secret).sign(input.id, at, input.body)).join(" "),
  };
}
