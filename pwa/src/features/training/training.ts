// Words for the training area's enums, and the small rules its screens share.
import type { Option } from '../../lib/labels';
import { formatDay, todayInLondon } from '../../lib/format';
import type {
  AccreditationLevel,
  ApplicantStage,
  AttendanceStatus,
  CourseKind,
  PracticeLevel,
  StandardKind,
  StandardStatus,
  SupervisionKind,
} from '../../gql/graphql';

export const COURSE_KINDS: readonly CourseKind[] = [
  'AWARENESS_FOUNDATION',
  'PRACTITIONER',
  'RECRUIT_SESSION',
  'REFRESHER',
  'CUSTOM',
];

export const COURSE_KIND_LABELS: Record<CourseKind, string> = {
  AWARENESS_FOUNDATION: 'Awareness foundation (1 day)',
  PRACTITIONER: 'Practitioner (3 days)',
  RECRUIT_SESSION: 'Recruit session (2 hours)',
  REFRESHER: 'Refresher',
  CUSTOM: 'Another course',
};

export const ACCREDITATION_LEVELS: readonly AccreditationLevel[] = ['AWARENESS', 'PRACTITIONER', 'TRAINER'];

export const ACCREDITATION_LEVEL_LABELS: Record<AccreditationLevel, string> = {
  AWARENESS: 'Awareness',
  PRACTITIONER: 'Practitioner',
  TRAINER: 'Trainer',
};

export const ACCREDITATION_LEVEL_HINTS: Record<AccreditationLevel, string> = {
  AWARENESS: 'Does not allow them to facilitate cases',
  PRACTITIONER: 'Allows them to facilitate cases',
  TRAINER: 'Allows them to facilitate cases and to train and accredit others',
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  BOOKED: 'Booked',
  ATTENDED: 'Attended',
  ABSENT: 'Absent',
};

export const ATTENDANCE_TAGS: Record<AttendanceStatus, string> = {
  BOOKED: 'tag--grey',
  ATTENDED: 'tag--green',
  ABSENT: 'tag--red',
};

export const SUPERVISION_KINDS: readonly SupervisionKind[] = ['ONE_TO_ONE', 'GROUP', 'OBSERVED_PRACTICE', 'CASE_REVIEW'];

export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = {
  ONE_TO_ONE: 'One-to-one',
  GROUP: 'Group supervision',
  OBSERVED_PRACTICE: 'Observed practice',
  CASE_REVIEW: 'Case review',
};

/** The recruitment pipeline in order (R-TR-5); withdrawn and declined leave it from any open stage. */
export const APPLICANT_STAGES: readonly ApplicantStage[] = [
  'ENQUIRY',
  'APPLICATION',
  'ROLE_PROFILE_SENT',
  'VETTING',
  'TRAINING',
  'ACTIVE',
  'WITHDRAWN',
  'DECLINED',
];

export const APPLICANT_STAGE_LABELS: Record<ApplicantStage, string> = {
  ENQUIRY: 'Enquiry',
  APPLICATION: 'Application',
  ROLE_PROFILE_SENT: 'Role profile sent',
  VETTING: 'Vetting',
  TRAINING: 'Training',
  ACTIVE: 'Active volunteer',
  WITHDRAWN: 'Withdrawn',
  DECLINED: 'Declined',
};

/** Where an applicant may go from here: the next step, or out (the server checks again). */
export function nextStages(stage: ApplicantStage): Option<ApplicantStage>[] {
  const order = APPLICANT_STAGES.slice(0, 6);
  const at = order.indexOf(stage);
  if (at < 0 || at === order.length - 1) return [];
  const next = order[at + 1];
  const options: Option<ApplicantStage>[] = [];
  if (next) {
    options.push({
      value: next,
      label: APPLICANT_STAGE_LABELS[next],
      hint: next === 'ACTIVE' ? 'Invites them to RJ Hub as a volunteer facilitator' : undefined,
    });
  }
  options.push({ value: 'WITHDRAWN', label: 'Withdrawn', hint: 'They have decided not to go on' });
  options.push({ value: 'DECLINED', label: 'Declined', hint: 'The Hub has decided not to go on' });
  return options;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : null;
}

/** How an accreditation stands today: expiring means within 60 days (R-TR-2 reminders). */
export interface ExpiryState {
  kind: 'expired' | 'expiring' | 'current' | 'not-yet';
  text: string;
  tag: string;
}

export const EXPIRY_WARNING_DAYS = 60;

export function expiryState(awardedOn: string, expiresOn: string, today: string = todayInLondon()): ExpiryState {
  const now = dayNumber(today);
  const end = dayNumber(expiresOn);
  const start = dayNumber(awardedOn);
  if (now === null || end === null) return { kind: 'current', text: `Expires ${formatDay(expiresOn)}`, tag: 'tag--grey' };
  if (start !== null && start > now) return { kind: 'not-yet', text: `From ${formatDay(awardedOn)}`, tag: 'tag--grey' };
  if (end < now) return { kind: 'expired', text: `Expired on ${formatDay(expiresOn)}`, tag: 'tag--red' };
  const left = end - now;
  if (left <= EXPIRY_WARNING_DAYS) {
    const days = left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`;
    return { kind: 'expiring', text: `Expires ${days} (${formatDay(expiresOn)})`, tag: 'tag--yellow' };
  }
  return { kind: 'current', text: `Current until ${formatDay(expiresOn)}`, tag: 'tag--green' };
}

/** "YYYY-MM-DD" and "HH:MM" read in the browser's zone (UK time on UK phones), as RFC 3339. */
export function instantOf(day: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const when = new Date(`${day}T${time}`);
  return Number.isNaN(when.getTime()) ? null : when.toISOString();
}

const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** "9:30am" in UK time. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : TIME.format(date).replace(/\s/g, '').toLowerCase();
}

/** The message for a FORBIDDEN answer to recording an accreditation (R-TR-2). */
export const ACCREDITATION_FORBIDDEN =
  'You cannot record accreditations. Only a trainer who holds a current trainer accreditation from a recognised organisation, or the co-ordinator, can record them.';

// ----- the RJC practice standards (R-ST-1) -----

export const PRACTICE_LEVELS: readonly PracticeLevel[] = ['FOUNDATION', 'INTERMEDIATE', 'ADVANCED'];

export const PRACTICE_LEVEL_LABELS: Record<PracticeLevel, string> = {
  FOUNDATION: 'Foundation',
  INTERMEDIATE: 'Intermediate',
  ADVANCED: 'Advanced',
};

export const PRACTICE_LEVEL_HINTS: Record<PracticeLevel, string> = {
  FOUNDATION: '6 hours of CPD a year',
  INTERMEDIATE: '12 hours of CPD a year',
  ADVANCED: '16 hours of CPD a year; may supervise cases',
};

export const STANDARD_KIND_LABELS: Record<StandardKind, string> = {
  ACCREDITATION: 'Accreditation',
  SUPERVISION: 'Supervision',
  OBSERVED_PRACTICE: 'Observed practice',
  CPD: 'Continuing professional development (CPD)',
};

export const STANDARD_STATUS_LABELS: Record<StandardStatus, string> = {
  MET: 'Met',
  DUE_SOON: 'Due soon',
  OVERDUE: 'Overdue',
};

export const STANDARD_STATUS_TAGS: Record<StandardStatus, string> = {
  MET: 'tag--green',
  DUE_SOON: 'tag--yellow',
  OVERDUE: 'tag--red',
};

/** The server's words ("supervision overdue by 9 days") as a sentence. */
export function sentence(words: string): string {
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** "2.5 hours", "1 hour", "45 minutes" (CPD is logged in quarter hours). */
export function formatHours(hours: number): string {
  if (hours > 0 && hours < 1) return `${Math.round(hours * 60)} minutes`;
  const shown = Number.isInteger(hours) ? String(hours) : String(Math.round(hours * 100) / 100);
  return hours === 1 ? '1 hour' : `${shown} hours`;
}
