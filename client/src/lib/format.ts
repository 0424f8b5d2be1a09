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

/** A deadline still ahead, in words, rounded up to the minute: "3 days", "5 hours 10 minutes"; null once past. */
export function formatTimeLeft(iso: string, at = now()): string | null {
  const ms = new Date(iso).getTime() - at;
  if (!(ms > 0)) return null;
  const minutes = Math.ceil(ms / 60_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${plural(days, "day")} ${plural(hours, "hour")}` : plural(days, "day");
  if (hours > 0) return minutes % 60 > 0 ? `${plural(hours, "hour")} ${plural(minutes % 60, "minute")}` : plural(hours, "hour");
  return plural(minutes, "minute");
}
