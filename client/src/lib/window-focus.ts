// Runs `refresh` when the person comes back to this tab (window focus, or the tab visible again),
// at most once per `minGapMs`: what a list shows may have changed elsewhere in the meantime (Stripe
// onboarding in another tab, a partner app added by the platform).
import { onCleanup, onMount } from "solid-js";

export function onReturnToTab(refresh: () => void, minGapMs: number, startAt = 0): void {
  let last = startAt;
  const onFocus = () => {
    if (document.visibilityState === "hidden" || Date.now() - last < minGapMs) return;
    last = Date.now();
    refresh();
  };
  onMount(() => {
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onFocus);
  });
  onCleanup(() => {
    window.removeEventListener("focus", onFocus);
    document.removeEventListener("visibilitychange", onFocus);
  });
}
