// Times are shown in Europe/London, GOV.UK style: "9:05am on 30 November 2026".
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = PARTS.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const period = part('dayPeriod').toLowerCase().replace(/\./g, '');
  const hour = part('hour').replace(/^0(?=\d)/, '');
  const time = hour === '12' && part('minute') === '00' && period === 'pm' ? 'midday' : `${hour}:${part('minute')}${period}`;
  return `${time} on ${part('day')} ${part('month')} ${part('year')}`;
}

const DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "30 November 2026" for a date-time, in Europe/London. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DAY.format(date);
}

/** "30 November 2026" for a calendar date ("2026-11-30"), whatever the browser's zone. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return DAY.format(date);
}

/** How long ago something arrived, in whole days: "today", "1 day", "3 days". */
export function formatAge(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

const ISO_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Europe/London as "YYYY-MM-DD" (for date inputs and their minimum). */
export function todayInLondon(now: Date = new Date()): string {
  return ISO_DAY.format(now);
}

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  hourCycle: 'h23',
});

/**
 * The instant a Europe/London day starts, as RFC 3339 ("2026-06-01" → "2026-05-31T23:00:00.000Z").
 * `plusDays` moves to a later day first (an inclusive "to" date is the start of the next day).
 */
export function londonDayStart(day: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  // London is UTC or one hour ahead: at UTC midnight its clock reads 0 or 1.
  const hour = Number(LONDON_HOUR.formatToParts(new Date(utcMidnight)).find((p) => p.type === 'hour')?.value ?? 0);
  return new Date(utcMidnight - hour * 3_600_000).toISOString();
}
