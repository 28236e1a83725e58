// Words for the API's enums. Lists the co-ordinator can extend (areas, reasons, languages…) come
// from `referenceData` instead: see reference.ts.
import type {
  ConsentMethod,
  ConsentPurpose,
  ContactChannel,
  FacilitatorRole,
  OfferResponse,
  OfferStatus,
  ParticipantRole,
  RiskLevel,
  RiskSubject,
  Stage,
  WorkbenchQueue,
} from '../gql/graphql';

export interface Option<T extends string = string> {
  value: T;
  label: string;
  hint?: string;
}

/** The server's own words for each stage (Case.stageLabel); events carry only the enum. */
export const STAGE_LABELS: Record<Stage, string> = {
  ENQUIRY: 'Enquiry',
  REFERRAL: 'Referral received',
  ASSESSMENT: 'Being assessed',
  NOT_SUITABLE: 'Not suitable',
  ALLOCATED: 'Facilitator allocated',
  PREPARATION: 'Preparing participants',
  INTERVENTION: 'Restorative intervention',
  OUTCOME: 'Outcome agreed',
  FOLLOW_UP: 'Follow-up',
  CLOSED: 'Closed',
  WITHDRAWN: 'Stopped',
};

/** The lifecycle in order (DESIGN.md), for filters. */
export const STAGES: readonly Stage[] = [
  'ENQUIRY',
  'REFERRAL',
  'ASSESSMENT',
  'NOT_SUITABLE',
  'ALLOCATED',
  'PREPARATION',
  'INTERVENTION',
  'OUTCOME',
  'FOLLOW_UP',
  'CLOSED',
  'WITHDRAWN',
];

export const OPEN_STAGES: readonly Stage[] = STAGES.filter(
  (s) => s !== 'NOT_SUITABLE' && s !== 'CLOSED' && s !== 'WITHDRAWN',
);

export function isOpen(stage: Stage): boolean {
  return OPEN_STAGES.includes(stage);
}

export const PARTICIPANT_ROLE_LABELS: Record<ParticipantRole, string> = {
  VICTIM: 'Victim',
  BEREAVED_FAMILY: 'Bereaved family member',
  OTHER_AFFECTED: 'Someone else affected',
  OFFENDER: 'Person responsible (offender)',
};

/** The channels, in the order forms offer them. */
export const CHANNELS: readonly ContactChannel[] = ['PHONE', 'TEXT', 'EMAIL', 'POST', 'IN_PERSON', 'VIDEO', 'OTHER'];

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  PHONE: 'Phone call',
  TEXT: 'Text message',
  EMAIL: 'Email',
  POST: 'Letter',
  IN_PERSON: 'In person',
  VIDEO: 'Video call',
  OTHER: 'Other',
};

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  'TAKING_PART',
  'CONTACT_BY_HUB',
  'SHARE_WITH_PARTNER',
  'FOLLOW_UP_SURVEY',
];

export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  TAKING_PART: 'Taking part',
  CONTACT_BY_HUB: 'Contact by the RJ Hub',
  SHARE_WITH_PARTNER: 'Sharing with a partner agency',
  FOLLOW_UP_SURVEY: 'Follow-up survey',
};

export const CONSENT_PURPOSE_HINTS: Record<ConsentPurpose, string> = {
  TAKING_PART: 'Needed before the intervention. Withdrawing it withdraws every other consent.',
  CONTACT_BY_HUB: 'In the ways and at the times they chose',
  SHARE_WITH_PARTNER: 'With the partner agency working on the case',
  FOLLOW_UP_SURVEY: 'Being asked about their experience afterwards',
};

export const CONSENT_METHODS: readonly ConsentMethod[] = ['VERBAL', 'WRITTEN', 'EMAIL', 'ONLINE_FORM'];

export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  VERBAL: 'Verbally',
  WRITTEN: 'In writing',
  EMAIL: 'By email',
  ONLINE_FORM: 'On an online form',
};

export const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

/** A risk level as a tag: "High risk" in red. */
export const RISK_LEVEL_TAGS: Record<RiskLevel, string> = {
  LOW: 'tag--green',
  MEDIUM: 'tag--yellow',
  HIGH: 'tag--red',
};

/** The workbench's queues in its order, with words for when the server's are not to hand. */
export const WORKBENCH_QUEUES: readonly WorkbenchQueue[] = [
  'CLOCKS_OVERDUE',
  'CLOCKS_DUE_TODAY',
  'NEW_REFERRALS',
  'BEING_ASSESSED',
  'UNALLOCATED',
  'INTAKE_CHECKS',
  'OFFERS_UNANSWERED',
  'SIGN_OFFS_WAITING',
  'STALE',
  'OVERDUE_ITEMS',
];

export const WORKBENCH_QUEUE_LABELS: Record<WorkbenchQueue, string> = {
  CLOCKS_OVERDUE: "Victims' Code deadlines missed",
  CLOCKS_DUE_TODAY: "Victims' Code deadlines today",
  NEW_REFERRALS: 'New referrals',
  BEING_ASSESSED: 'Waiting for a suitability decision',
  UNALLOCATED: 'Suitable, not yet allocated',
  INTAKE_CHECKS: 'Self-referrals to check',
  OFFERS_UNANSWERED: 'Offers not yet answered',
  SIGN_OFFS_WAITING: 'Waiting for sign-off',
  STALE: 'Gone quiet',
  OVERDUE_ITEMS: 'Agreement items overdue',
};

export const RISK_SUBJECTS: readonly RiskSubject[] = ['VICTIM', 'OFFENDER', 'FACILITATOR', 'OTHERS'];

export const RISK_SUBJECT_LABELS: Record<RiskSubject, string> = {
  VICTIM: 'The victim',
  OFFENDER: 'The offender',
  FACILITATOR: 'The facilitators',
  OTHERS: 'Other people',
};

export const FACILITATOR_ROLE_LABELS: Record<FacilitatorRole, string> = {
  LEAD: 'Lead facilitator',
  CO: 'Co-facilitator',
};

export const OFFER_RESPONSE_LABELS: Record<OfferResponse, string> = {
  PENDING: 'Not answered yet',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  TAKEN: 'Taken by someone else',
  EXPIRED: 'Expired',
};

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  OPEN: 'Open',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined by everyone',
  EXPIRED: 'Expired',
  WITHDRAWN: 'Withdrawn',
};

/** "Phone call, Email" */
export function describeChannels(channels: readonly ContactChannel[]): string {
  return CHANNELS.filter((c) => channels.includes(c))
    .map((c) => CHANNEL_LABELS[c])
    .join(', ');
}

export function yesNo(value: boolean | null | undefined, unknown = 'Not given'): string {
  if (value === null || value === undefined) return unknown;
  return value ? 'Yes' : 'No';
}
