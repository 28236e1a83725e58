// Published editions of the performance report: their periods in words, their state, and the
// choices the co-ordinator publishes one from. Whether a period may be published (it must have
// ended, once per period unless corrected) is the server's to say.
import type { Option } from '../../lib/labels';
import type { EditionSummaryFragment, ReportDimension, ReportEditionKind } from '../../gql/graphql';
import { DIMENSIONS, MONTHS, tableHeading } from './report';

export type EditionSummary = EditionSummaryFragment;

export const KIND_OPTIONS: readonly Option<ReportEditionKind>[] = [
  { value: 'MONTH', label: 'Monthly', hint: 'One calendar month' },
  { value: 'HALF_YEAR', label: 'Half-yearly', hint: 'April to September, or October to March' },
];

export const KIND_WORDS: Record<ReportEditionKind, string> = {
  MONTH: 'Monthly performance report',
  HALF_YEAR: 'Half-yearly performance report',
};

/** The tables an edition may have besides the totals (always there). */
export const GROUPING_OPTIONS: readonly Option<ReportDimension>[] = DIMENSIONS.filter((d) => d.value !== 'NONE');

const monthYear = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1] ?? ''} ${day.slice(0, 4)}`;

/** "May 2026", "April to September 2026", "October 2025 to March 2026". */
export function periodWords(kind: ReportEditionKind, from: string): string {
  if (kind === 'MONTH') return monthYear(from);
  const y = Number(from.slice(0, 4));
  return from.slice(5, 7) === '04' ? `April to September ${y}` : `October ${y} to March ${y + 1}`;
}

/** As the list names an edition: "May 2026", "April to September 2026 (half-year)". */
export function editionTitle(e: Pick<EditionSummary, 'kind' | 'from'>): string {
  const words = periodWords(e.kind, e.from);
  return e.kind === 'HALF_YEAR' ? `${words} (half-year)` : words;
}

/** "All cases, by month, by area": the edition's tables, totals first as the server orders them. */
export function tablesWords(groupings: readonly ReportDimension[]): string {
  const all: ReportDimension[] = ['NONE', ...groupings.filter((g) => g !== 'NONE')];
  return all.map((g, i) => (i === 0 ? tableHeading(g) : tableHeading(g).toLowerCase())).join(', ');
}

export interface StateTag {
  label: string;
  tone: 'green' | 'grey' | 'blue';
}

export function stateTags(e: EditionSummary): StateTag[] {
  const tags: StateTag[] = [e.current ? { label: 'Current', tone: 'green' } : { label: 'Replaced by a correction', tone: 'grey' }];
  if (e.supersedesId) tags.push({ label: 'Correction', tone: 'blue' });
  return tags;
}

export const editionCsvHref = (id: string) => `/reports/editions/${encodeURIComponent(id)}.csv`;
export const editionPrintHref = (id: string) => `/reports/editions/${encodeURIComponent(id)}.html`;

// ---- Choosing a period --------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

export const MONTH_OPTIONS: readonly Option[] = MONTHS.map((label, i) => ({ value: pad(i + 1), label }));

/** This year and the five before it, newest first. */
export function yearOptions(today: string): Option[] {
  const y = Number(today.slice(0, 4));
  return Array.from({ length: 6 }, (_, i) => ({ value: String(y - i), label: String(y - i) }));
}

/** The month before today's ("2026-06-14" → year "2026", month "05"). */
export function lastMonth(today: string): { year: string; month: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? { year: String(y - 1), month: '12' } : { year: String(y), month: pad(m - 1) };
}

/** The half-years from the one today is in back five years, newest first: value is the first day. */
export function halfYearOptions(today: string): Option[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  let start = m >= 10 ? `${y}-10-01` : m >= 4 ? `${y}-04-01` : `${y - 1}-10-01`;
  const out: Option[] = [];
  for (let i = 0; i < 10; i += 1) {
    out.push({ value: start, label: periodWords('HALF_YEAR', start) });
    const sy = Number(start.slice(0, 4));
    start = start.slice(5, 7) === '10' ? `${sy}-04-01` : `${sy - 1}-10-01`;
  }
  return out;
}
