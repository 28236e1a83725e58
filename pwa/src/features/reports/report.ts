// The performance report's words and shapes: periods, groupings, sections and measures, and
// the report turned into tables and charts. Nothing here computes a figure: every number shown
// is the server's `display`, and a hidden one ("[c]") is never drawn or worked with.
import type { Option } from '../../lib/labels';
import { STAGE_LABELS } from '../../lib/labels';
import { labelOf } from '../../lib/reference.svelte';
import type { ReportDimension, ReportTableFragment, Stage } from '../../gql/graphql';

/** One table of figures: the live report, or one grouping of a published edition. */
export type Report = ReportTableFragment;
export type Figure = Report['figures'][number];

/** What "[c]" means, in the server's words (its printable pages say the same). */
export const HIDDEN_NOTE =
  '[c]: hidden so that no one can be identified — a number from 1 to 4, a figure computed from fewer than five people, or a figure hidden with them so that they cannot be worked out from the others.';

// ---- Periods ------------------------------------------------------------------------------------

export interface Period {
  key: string;
  label: string;
  from: string;
  to: string;
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** The last day of month `m` (1–12) of year `y`. */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The presets, from today's London date ("2026-05-14"): this month, last month, and the two
 * formal half-years (April–September, October–March) of this financial year and the last.
 */
export function presets(today: string): Period[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  // The financial year starts on 1 April.
  const fy = m >= 4 ? y : y - 1;
  const halves = (start: number, which: string): Period[] => [
    {
      key: `h1-${which}`,
      label: `April to September ${start}`,
      from: day(start, 4, 1),
      to: day(start, 9, 30),
    },
    {
      key: `h2-${which}`,
      label: `October ${start} to March ${start + 1}`,
      from: day(start, 10, 1),
      to: day(start + 1, 3, 31),
    },
  ];
  return [
    { key: 'this-month', label: `This month (${MONTHS[m - 1]} ${y})`, from: day(y, m, 1), to: day(y, m, lastDay(y, m)) },
    { key: 'last-month', label: `Last month (${MONTHS[lm - 1]} ${ly})`, from: day(ly, lm, 1), to: day(ly, lm, lastDay(ly, lm)) },
    ...halves(fy, 'this'),
    ...halves(fy - 1, 'last'),
  ];
}

export const CUSTOM = 'custom';

// ---- Grouping and filters -----------------------------------------------------------------------

export const DIMENSIONS: readonly Option<ReportDimension>[] = [
  { value: 'NONE', label: 'Nothing (totals only)' },
  { value: 'MONTH', label: 'Month' },
  { value: 'SOURCE', label: 'Referral source' },
  { value: 'OFFENCE', label: 'Offence' },
  { value: 'AREA', label: 'Area' },
  { value: 'MODEL', label: 'Intervention model' },
  { value: 'AGENCY', label: 'Partner agency' },
];

const DIMENSION_WORDS: Record<ReportDimension, string> = {
  NONE: '',
  MONTH: 'month',
  SOURCE: 'referral source',
  OFFENCE: 'offence',
  AREA: 'area',
  MODEL: 'intervention model',
  AGENCY: 'partner agency',
};

export function byWords(d: ReportDimension): string {
  return DIMENSION_WORDS[d] ? `by ${DIMENSION_WORDS[d]}` : '';
}

/** A table's heading in an edition: "All cases" for the totals, "By area"… */
export function tableHeading(d: ReportDimension): string {
  const by = byWords(d);
  return by ? by.charAt(0).toUpperCase() + by.slice(1) : 'All cases';
}

export interface Filters {
  referralSource: string;
  offenceCategory: string;
  area: string;
  interventionModel: string;
  agency: string;
}

export const NO_FILTERS: Filters = { referralSource: '', offenceCategory: '', area: '', interventionModel: '', agency: '' };

export interface Choice {
  from: string;
  to: string;
  groupBy: ReportDimension;
  filters: Filters;
}

/** The filters as the API takes them: null for "all". */
export function apiFilters(f: Filters) {
  const v = (s: string) => s.trim() || null;
  return {
    referralSource: v(f.referralSource),
    offenceCategory: v(f.offenceCategory),
    area: v(f.area),
    interventionModel: v(f.interventionModel),
    agency: v(f.agency),
  };
}

/** `/reports/performance.csv` with the same choice (the server's query parameters). */
export function csvHref(c: Choice): string {
  const q = new URLSearchParams({ from: c.from, to: c.to, groupBy: c.groupBy.toLowerCase() });
  for (const [k, v] of Object.entries(apiFilters(c.filters))) if (v) q.set(k, v);
  return `/reports/performance.csv?${q.toString()}`;
}

// ---- Words for sections, measures and groups ----------------------------------------------------

/** The sections in the order the report makes them (R-RP-1…10). */
export const SECTIONS: readonly { key: string; heading: string; about: string }[] = [
  { key: 'referrals', heading: 'Referrals', about: 'Referrals received in the period.' },
  {
    key: 'engagement',
    heading: 'Engagement',
    about: 'Of those referrals: cases where someone was spoken to, and cases where someone agreed to take part.',
  },
  {
    key: 'conversion',
    heading: 'From referral to meeting',
    about: 'Of those referrals: cases with a first meeting held, and with a restorative meeting (conference, panel or shuttle) held.',
  },
  { key: 'not_suitable', heading: 'Not suitable', about: 'Cases assessed as not suitable, by reason.' },
  { key: 'leaving', heading: 'Leaving the process', about: 'Cases withdrawn or not suitable, by the stage they left at.' },
  {
    key: 'timescales',
    heading: 'Timescales',
    about: 'Days from referral to the end of the first restorative meeting held.',
  },
  {
    key: 'victims_code',
    heading: "Victims' Code deadlines",
    about:
      'Information about restorative justice within 5 working days of a request (1 with enhanced rights), and onward referral for support within 2: how many started, how many were met on time, and the share on time of those met or past due.',
  },
  {
    key: 'partners',
    heading: 'Partner agencies',
    about: 'Offers of cases to partner-agency practitioners, and those accepted, by agency.',
  },
  { key: 'models', heading: 'Intervention models', about: 'The intervention model chosen, and face-to-face conferences held.' },
  {
    key: 'satisfaction',
    heading: 'Satisfaction',
    about: 'Scores from 1 (very dissatisfied) to 5 (very satisfied): at the start, at the end and six months later; “satisfied” is 4 or 5.',
  },
  {
    key: 'outcomes',
    heading: 'Testimonials and outcome agreements',
    about: 'Cases with a testimonial that may be used, and outcome agreement items and how many are completed.',
  },
  {
    key: 'volunteers',
    heading: 'Volunteers and the facilitator pool',
    about: 'Active volunteers, their conferences in the period against five a year, and the pool by kind and languages.',
  },
  {
    key: 'reoffending',
    heading: 'Re-offending follow-up',
    about: "Cases whose offender's record was checked, and those found to have re-offended, where recorded.",
  },
  {
    key: 'complaints',
    heading: 'Complaints',
    about: 'Complaints received in the period, acknowledged and answered on time, and upheld (whole service only).',
  },
];

const MEASURES: Record<string, string> = {
  complaints_received: 'Complaints received',
  acknowledged_on_time: 'Acknowledged within 3 working days',
  acknowledgement_overdue: 'Not yet acknowledged, past the target',
  resolved: 'Resolved',
  resolved_on_time: 'Answered within 20 working days',
  upheld: 'Upheld in full or in part',
  active_volunteers: 'Active volunteers',
  volunteer_conferences: 'Conferences facilitated by volunteers',
  volunteers_at_five_a_year: 'Volunteers at five conferences a year (pro rata)',
  pool_size: 'Active facilitators',
  languages_covered: 'Languages the pool speaks',
  offenders_checked: "Cases whose offender's record was checked",
  reoffended: 'Found to have re-offended',
  received: 'Referrals received',
  spoken_to: 'Cases: someone spoken to',
  engaging: 'Cases: someone agreed to take part',
  people_spoken_to: 'People spoken to',
  people_engaging: 'People who agreed to take part',
  first_meeting: 'First meeting held',
  first_meeting_before_offender_identified: 'First meeting held before the offender was identified',
  conference: 'Restorative meeting held',
  completed: 'Restorative meetings completed',
  rj_information_clocks: 'Information about RJ asked for',
  rj_information_on_time: 'Information given on time',
  rj_information_on_time_percent: 'Information given on time (%)',
  onward_referral_clocks: 'Support needs to refer on',
  onward_referral_on_time: 'Referred on on time',
  onward_referral_on_time_percent: 'Referred on on time (%)',
  median_days: 'Median (days)',
  p90_days: '9 in 10 within (days)',
  face_to_face_conferences: 'Face-to-face conferences held',
  testimonials: 'Testimonials that may be used (each counted)',
  agreement_items: 'Outcome agreement items',
  agreement_items_completed: 'Outcome agreement items completed',
};

const SIDES: Record<string, string> = { victim: 'Victims', offender: 'Offenders', harmed: 'Victims', harmer: 'Offenders' };
const POINTS: Record<string, string> = { start: 'at the start', end: 'at the end', six_months: 'six months later' };

function words(code: string): string {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function stageWords(code: string): string {
  if (code === 'not_recorded') return 'Not recorded';
  return STAGE_LABELS[code.toUpperCase() as Stage] ?? words(code);
}

/** What a measure is, in words ("reason:declined" → "Declined to take part"). */
export function measureLabel(measure: string): string {
  if (MEASURES[measure]) return MEASURES[measure];
  const [family, value] = measure.includes(':') ? (measure.split(/:(.*)/s, 2) as [string, string]) : [measure, ''];
  switch (family) {
    case 'reason':
      return value === 'not_recorded' ? 'Reason not recorded' : labelOf('reasons', value);
    case 'left_at':
      return stageWords(value);
    case 'pool':
      return `Facilitators: ${value.replace(/_/g, ' ')}`;
    case 'offered':
      return `Offered to ${value}`;
    case 'accepted':
      return `Accepted by ${value}`;
    case 'model':
      return labelOf('interventionModels', value);
  }
  const sat = /^([a-z]+)_(start|end|six_months)_(average|satisfied_percent)$/.exec(measure);
  if (sat) {
    const side = SIDES[sat[1] ?? ''] ?? words(sat[1] ?? '');
    const point = POINTS[sat[2] ?? ''] ?? '';
    return sat[3] === 'average' ? `${side}: average score ${point}` : `${side}: percent satisfied ${point}`;
  }
  const dist = /^([a-z]+)_distance_to_(end|six_months)$/.exec(measure);
  if (dist) {
    const side = SIDES[dist[1] ?? ''] ?? words(dist[1] ?? '');
    return `${side}: distance travelled, start to ${dist[2] === 'end' ? 'end' : 'six months later'} (points)`;
  }
  return words(measure);
}

/** A column's heading: "2026-04" → "April 2026", codes → their reference-list words. */
export function groupLabel(groupBy: ReportDimension, group: string): string {
  if (group === 'total') return 'Total';
  if (group === 'not_recorded') return 'Not recorded';
  switch (groupBy) {
    case 'MONTH': {
      const m = /^(\d{4})-(\d{2})$/.exec(group);
      return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : group;
    }
    case 'SOURCE':
      return labelOf('referralSources', group);
    case 'OFFENCE':
      return labelOf('offenceCategories', group);
    case 'AREA':
      return labelOf('areas', group);
    case 'MODEL':
      return labelOf('interventionModels', group);
    case 'AGENCY':
      return group === 'none' ? 'No partner agency' : group;
    default:
      return group;
  }
}

// ---- Tables and charts --------------------------------------------------------------------------

/** A count (0 when a group has none) or an amount (a score, percent or days: "–" when none). */
function isCount(measure: string): boolean {
  return !/(_days|_average|_percent|_distance_to_end|_distance_to_six_months)$/.test(measure);
}

/** Whether a measure is drawn in its section's chart: one unit per chart. */
function charted(section: string, measure: string): boolean {
  if (section === 'timescales') return measure.endsWith('_days');
  if (section === 'satisfaction') return measure.endsWith('_average');
  return isCount(measure);
}

export interface Row {
  measure: string;
  label: string;
  /** One per group, in the report's order: the server's `display`. */
  cells: { group: string; display: string; suppressed: boolean }[];
}

export interface Series {
  label: string;
  /** One per charted group; null where the figure is suppressed or missing (not drawn). */
  values: (number | null)[];
}

export interface SectionView {
  key: string;
  heading: string;
  about: string;
  rows: Row[];
  chart: { groups: string[]; series: Series[]; whole: boolean } | null;
}

/** The report as sections of rows (measures) by columns (groups), in the server's order. */
export function sectionsOf(report: Report): SectionView[] {
  const known = new Set(SECTIONS.map((s) => s.key));
  const extra = [...new Set(report.figures.map((f) => f.section))].filter((s) => !known.has(s));
  const all = [...SECTIONS, ...extra.map((key) => ({ key, heading: words(key), about: '' }))];
  // Without grouping there is one column, "total"; with it the chart leaves the total out.
  const chartGroups = report.groups.length > 1 ? report.groups.filter((g) => g !== 'total') : report.groups;
  return all.map((s) => {
    const figures = report.figures.filter((f) => f.section === s.key);
    const measures = [...new Set(figures.map((f) => f.measure))];
    const find = (m: string, g: string) => figures.find((f) => f.measure === m && f.group === g);
    const rows: Row[] = measures.map((m) => ({
      measure: m,
      label: measureLabel(m),
      cells: report.groups.map((g) => {
        const f = find(m, g);
        return { group: g, display: f ? f.display : isCount(m) ? '0' : '–', suppressed: !!f?.suppressed };
      }),
    }));
    const series: Series[] = measures
      .filter((m) => charted(s.key, m))
      .map((m) => ({
        label: measureLabel(m),
        values: chartGroups.map((g) => {
          const f = find(m, g);
          if (!f) return isCount(m) ? 0 : null;
          return f.suppressed ? null : f.value;
        }),
      }));
    const drawable = series.some((x) => x.values.some((v) => v !== null && v !== 0));
    return {
      ...s,
      rows,
      chart: drawable
        ? {
            groups: chartGroups.map((g) => groupLabel(report.groupBy, g)),
            series,
            whole: s.key !== 'timescales' && s.key !== 'satisfaction',
          }
        : null,
    };
  });
}
