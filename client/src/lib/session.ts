// The signed-in user's bearer token: kept in localStorage, shared across tabs (storage event).
import { createSignal } from "solid-js";

const KEY = "mentorship.token";

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

const [token, setTokenSignal] = createSignal<string | null>(read());

export { token };

export function setToken(value: string | null): void {
  try {
    if (value) localStorage.setItem(KEY, value);
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode without storage: the token lives in memory for this tab.
  }
  setTokenSignal(value);
}

if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) setTokenSignal(event.newValue);
  });
}
