import { createRoot, createSignal } from "solid-js";
import type { BookingStatus } from "../gql/graphql";

/** The current time, ticking every 30 seconds so "5 minutes ago" stays true on an open page. */
export const now = createRoot(() => {
  const [value, set] = createSignal(Date.now());
  if (typeof window !== "undefined") setInterval(() => set(Date.now()), 30_000);
  return value;
});

export const STATUS_LABEL: Record<BookingStatus, string> = {
  AWAITING_PAYMENT: "Awaiting payment",
  PENDING: "Pending",
  CONFIRMED: "Confirmed",
  COMPLETED: "Completed",
  DECLINED: "Declined",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : dateTime.format(date);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

/** For past instants; a server clock slightly ahead of this one still reads "now", never "in 1 second". */
export function formatRelative(iso: string, at = now()): string {
  const seconds = Math.min(0, Math.round((new Date(iso).getTime() - at) / 1000));
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, "second");
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 30) return relative.format(Math.round(seconds / 86400), "day");
  return formatDateTime(iso);
}

export function formatCents(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(cents / 100);
}
