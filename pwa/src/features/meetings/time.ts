// Meeting times are entered as a Europe/London date and clock time (native date and time
// inputs) and sent as UTC instants; the clocks change in March and October.

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London wall clock at an instant, as { day: "YYYY-MM-DD", time: "HH:MM" }. */
export function londonWallClock(iso: string | Date): { day: string; time: string } {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = LONDON_PARTS.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** How far London's clock is ahead of UTC at an instant, in milliseconds (0 or one hour). */
function offsetAt(ms: number): number {
  const wall = londonWallClock(new Date(ms));
  const [y, mo, d] = wall.day.split('-').map(Number);
  const [h, mi] = wall.time.split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h, mi) - Math.floor(ms / 60_000) * 60_000;
}

/**
 * A London date ("2027-07-15") and time ("14:30") as an RFC 3339 UTC instant
 * ("2027-07-15T13:30:00.000Z"). Null when either is malformed, or when the time does not exist
 * that day (the hour skipped when the clocks go forward). In the hour that happens twice in
 * October, the first (BST) is meant.
 */
export function londonToUtc(day: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const asUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // Try summer time first, so the repeated hour in October means its first occurrence.
  for (const offset of [3_600_000, 0]) {
    const instant = asUtc - offset;
    if (offsetAt(instant) === offset) {
      const wall = londonWallClock(new Date(instant));
      if (wall.day === day && wall.time === time) return new Date(instant).toISOString();
    }
  }
  return null;
}

/** "2:30pm" for an instant, London time (for the end of a meeting on the same day). */
export function londonTime(iso: string): string {
  const { time } = londonWallClock(iso);
  const [h, m] = time.split(':').map(Number);
  const period = h < 12 ? 'am' : 'pm';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return h === 12 && m === 0 ? 'midday' : `${hour}:${String(m).padStart(2, '0')}${period}`;
}
