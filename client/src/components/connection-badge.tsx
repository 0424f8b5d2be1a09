import { connection } from "../lib/urql";

const LABEL = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" } as const;

/** The WebSocket's state; it reconnects by itself, this only shows what is happening. */
export function ConnectionBadge() {
  return (
    <span
      class={`connection connection-${connection()}`}
      role="status"
      aria-live="polite"
      title={connection() === "live" ? "Changes appear as they happen" : "Updates paused until the connection is back"}
    >
      <span class="connection-dot" aria-hidden="true" />
      {LABEL[connection()]}
    </span>
  );
}
