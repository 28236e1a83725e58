import type {
  ComplaintCategory,
  ComplaintEventKind,
  ComplaintOutcome,
  ComplaintReceivedVia,
  ComplaintRowFragment,
  ComplaintStatusFilter,
} from '../../gql/graphql';
import type { Option } from '../../lib/labels';

export const CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  SERVICE: 'The service in general',
  FACILITATOR: 'A facilitator',
  DELAY: 'Delay',
  COMMUNICATION: 'Communication',
  DATA_PROTECTION: 'Data protection',
  OTHER: 'Something else',
};

export const RECEIVED_VIA_LABELS: Record<ComplaintReceivedVia, string> = {
  PHONE: 'Phone',
  EMAIL: 'Email',
  LETTER: 'Letter',
  IN_PERSON: 'In person',
  ONLINE_FORM: 'Online form',
  OTHER: 'Another way',
};

export const OUTCOME_LABELS: Record<ComplaintOutcome, string> = {
  UPHELD: 'Upheld',
  PARTLY_UPHELD: 'Partly upheld',
  NOT_UPHELD: 'Not upheld',
  WITHDRAWN: 'Withdrawn by the complainant',
};

export const EVENT_LABELS: Record<ComplaintEventKind, string> = {
  RECEIVED: 'Complaint recorded',
  ACKNOWLEDGED: 'Acknowledged',
  NOTE: 'Investigation note',
  RESOLVED: 'Resolved: response sent',
};

/** The filters, in the order the tabs show them. */
export const FILTERS: readonly { value: ComplaintStatusFilter; label: string }[] = [
  { value: 'OPEN', label: 'Open' },
  { value: 'OVERDUE', label: 'Overdue' },
  { value: 'RESOLVED', label: 'Resolved' },
  { value: 'ALL', label: 'All' },
];

export function optionsFrom<T extends string>(labels: Record<T, string>): Option<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

/** Where a complaint stands, in a word or two, and the colour of its tag. */
export function statusOf(c: ComplaintRowFragment): { label: string; tone: 'red' | 'green' | 'yellow' | 'grey' }[] {
  if (c.outcome) return [{ label: `Resolved: ${OUTCOME_LABELS[c.outcome].toLowerCase()}`, tone: 'green' }];
  const tags: { label: string; tone: 'red' | 'green' | 'yellow' | 'grey' }[] = [];
  if (c.acknowledgementOverdue) tags.push({ label: 'Acknowledgement overdue', tone: 'red' });
  if (c.responseOverdue) tags.push({ label: 'Response overdue', tone: 'red' });
  if (tags.length === 0) tags.push({ label: c.acknowledgedOn ? 'Acknowledged' : 'To acknowledge', tone: c.acknowledgedOn ? 'grey' : 'yellow' });
  return tags;
}
