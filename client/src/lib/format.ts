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

/** "60", "49.5", "49.50", "1,200.00" (a leading $ is fine) in cents; null for anything else ("1e3", "12.345", "-5"). */
export function parseDollars(raw: string): number | null {
  const plain = raw
    .trim()
    .replace(/^\$/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(plain);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
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

/** The viewer's time zone as the browser knows it, e.g. "Europe/Berlin". */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

const sessionStart = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const sessionEnd = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZoneName: "short" });

/**
 * A session's time in the viewer's time zone, with the zone named: "Tue, 1 Dec 2026, 14:00 –
 * 14:45 CET (Europe/Berlin)". The API stores and sends UTC.
 */
export function formatSessionTime(startsAt: string, endsAt: string | null | undefined): string {
  const start = new Date(startsAt);
  if (Number.isNaN(start.getTime())) return "";
  const end = endsAt ? new Date(endsAt) : null;
  const endText = end && !Number.isNaN(end.getTime()) ? sessionEnd.format(end) : "";
  const zone = viewerTimeZone();
  // The zone's abbreviation ("CET", "GMT+1") and its name ("Europe/Berlin"), unless they are the same ("UTC").
  const named = endText.endsWith(` ${zone}`) ? "" : ` (${zone})`;
  return `${sessionStart.format(start)}${endText ? ` – ${endText}` : ""}${named}`;
}

/** The Join button shows from this long before the start until the end. */
export const JOIN_EARLY_MS = 10 * 60_000;

/** Whether a session can be joined now: from JOIN_EARLY_MS before its start until its end. */
export function isJoinable(startsAt: string | null | undefined, endsAt: string | null | undefined, at = now()): boolean {
  if (!startsAt || !endsAt) return false;
  return at >= Date.parse(startsAt) - JOIN_EARLY_MS && at < Date.parse(endsAt);
}

/** The value of an <input type="datetime-local"> for an instant, in the viewer's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Start of the viewer's local day of `at`, and that plus `days` days: an Upcoming view's range. */
export function localDays(days: number, at = Date.now()): { after: string; before: string } {
  const start = new Date(at);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + days);
  return { after: start.toISOString(), before: end.toISOString() };
}
