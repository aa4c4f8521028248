import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs` so that countdowns move while the page stays open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

/** Today's messages show their time, older ones their date (as mail clients do). */
export function listDate(locale: string) {
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const full = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const now = new Date();
  return (iso: string) => {
    const d = new Date(iso);
    if (d.toDateString() === now.toDateString()) return time.format(d);
    if (d.getFullYear() === now.getFullYear()) return day.format(d);
    return full.format(d);
  };
}

/** A duration to a deadline in the largest sensible unit ("in 5 hours", "2 days ago"), through Intl. */
export function relativeTo(locale: string, target: string | Date, now: number): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const diff = (new Date(target).getTime() - now) / 1000;
  const abs = Math.abs(diff);
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 2 * 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  return rtf.format(Math.round(diff / 86400), 'day');
}
