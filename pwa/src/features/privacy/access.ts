// Words for what the access log records (`AccessLogEntry`): the server stores codes, the data
// protection officer reads sentences. A code not listed here is shown as it is, made readable.

/** Why the record was read: the reader's relationship to it. */
export const PURPOSE_LABELS: Record<string, string> = {
  casework: 'Casework',
  supervision: 'Case supervision',
  coordination: 'Co-ordination',
  partner_disclosure: 'Disclosure to the referring partner agency',
  justified: 'Outside their own work (reason given)',
  subject_access: 'Subject access request',
  data_protection: 'Data protection',
  service: 'The service itself',
  training: 'Training',
  referral: 'Referral',
  reporting: 'Reporting',
  account: 'Their own account',
};

/** What they did with it. */
export const ACTION_LABELS: Record<string, string> = {
  view: 'Viewed',
  disclose: 'Disclosed',
  subject_access_export: 'Subject access export',
  erase_person: 'Erased',
};

/** What was read. */
export const RECORD_LABELS: Record<string, string> = {
  person: 'their details',
  case: 'a case they are part of',
  testimonial: 'their testimonial',
};

/** How much of it. */
export const EXTENT_LABELS: Record<string, string> = {
  full: 'in full',
  offender_side: 'the offender’s side only',
  search_result: 'in search results',
};

/** The screen or operation it was read through (the GraphQL field that returned it). */
export const THROUGH_LABELS: Record<string, string> = {
  case: 'The case page',
  cases: 'The case list',
  myCases: 'My cases',
  people: 'Person search',
  personAccessLog: 'This access log',
  subjectAccessExport: 'Subject access export',
  signOffQueue: 'The sign-off queue',
  signOffs: 'The case’s sign-offs',
  caseMeetings: 'The case’s meetings',
  agreementItems: 'The outcome agreement',
  caseSatisfaction: 'Satisfaction',
  caseTestimonials: 'Testimonials',
  testimonials: 'Testimonials',
};

/** "subject_access_export" → "Subject access export"; "logContact" → "Log contact". */
export function readable(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function wordsFor(labels: Record<string, string>, code: string | null | undefined): string | null {
  if (!code) return null;
  return labels[code] ?? readable(code);
}
