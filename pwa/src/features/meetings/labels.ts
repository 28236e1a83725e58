// Words for the enums of meetings, agreements, sign-off and satisfaction.
import type { AgreementItemKind, MeetingKind, MeetingStatus, SurveyStage } from '../../gql/graphql';
import type { Option } from '../../lib/labels';

export const MEETING_KINDS: readonly MeetingKind[] = ['PREPARATION', 'CONFERENCE', 'SHUTTLE', 'COMMUNITY_CONFERENCE', 'PANEL'];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  PREPARATION: 'Preparation meeting',
  CONFERENCE: 'Conference',
  SHUTTLE: 'Shuttle session',
  COMMUNITY_CONFERENCE: 'Community conference',
  PANEL: 'Neighbourhood resolution panel',
};

/** A meeting's status as a tag: what happened, once it is recorded. */
export const MEETING_STATUS_TAGS: Record<MeetingStatus, { text: string; tone: string } | null> = {
  SCHEDULED: null,
  CANCELLED: { text: 'Cancelled', tone: 'tag--red' },
  HELD: { text: 'Held', tone: 'tag--green' },
  NOT_HELD: { text: 'Did not happen', tone: 'tag--grey' },
};

export const AGREEMENT_KINDS: readonly AgreementItemKind[] = ['APOLOGY', 'REPARATION', 'UNDERTAKING', 'OTHER'];

export const AGREEMENT_KIND_LABELS: Record<AgreementItemKind, string> = {
  APOLOGY: 'Apology',
  REPARATION: 'Reparation',
  UNDERTAKING: 'Undertaking',
  OTHER: 'Something else',
};

export const SURVEY_STAGES: readonly SurveyStage[] = ['START', 'END', 'SIX_MONTHS'];

export const SURVEY_STAGE_LABELS: Record<SurveyStage, string> = {
  START: 'At the start',
  END: 'At the end',
  SIX_MONTHS: 'Six months later',
};

export const SCORE_LABELS: Record<number, string> = {
  1: 'Very dissatisfied',
  2: 'Dissatisfied',
  3: 'Neither satisfied nor dissatisfied',
  4: 'Satisfied',
  5: 'Very satisfied',
};

export const SCORE_OPTIONS: readonly Option[] = [5, 4, 3, 2, 1].map((n) => ({
  value: String(n),
  label: `${n} – ${SCORE_LABELS[n]}`,
}));

/**
 * The supervisor's checklist, in order: `key` is the field of `ChecklistInput` (and, prefixed
 * with `checklist.`, the server's error field), `item` the `SignOffEvidence.item` it goes with.
 */
export const CHECKLIST = [
  { key: 'riskReviewed', item: 'risk_reviewed', label: 'Risk reviewed' },
  { key: 'consentConfirmed', item: 'consent_confirmed', label: 'Consent confirmed' },
  { key: 'agreementRecorded', item: 'agreement_recorded', label: 'Agreement recorded' },
  { key: 'wellbeingFollowUp', item: 'wellbeing_follow_up', label: 'Wellbeing follow-up arranged' },
] as const;

export type ChecklistKey = (typeof CHECKLIST)[number]['key'];
