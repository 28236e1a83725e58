// The public self-referral as a GOV.UK question journey: one thing per page, "check your
// answers", then consent and send. The answers live here while the person goes from page to
// page, and in this tab's sessionStorage (never localStorage: the computer may be shared) so that
// a reload or a dropped connection loses nothing. They are forgotten when the referral is sent,
// on "Start again" and on "Exit this page".
import { forgetOnExit } from '../../lib/exit';
import { problem, type Problem } from '../../lib/errors';
import { checkPerson, emptyPerson, personInput, type PersonDraft } from '../../lib/person';
import type { ContactChannel, ParticipantRole, SelfReferralFormInput } from '../../gql/graphql';
import { emptyOffence, offenceInput, type OffenceDraft } from './offence';

export type YesNoUnsure = '' | 'yes' | 'no' | 'unsure';

/** Everything the person has answered so far ('' for "not answered"). */
export interface SelfReferralAnswers {
  role: '' | ParticipantRole;
  relationship: string;
  offence: OffenceDraft;
  offenderKnown: YesNoUnsure;
  contactIfIdentified: boolean;
  person: PersonDraft;
  consent: boolean;
}

export function emptyAnswers(): SelfReferralAnswers {
  return {
    role: '',
    relationship: '',
    offence: emptyOffence(),
    offenderKnown: '',
    contactIfIdentified: false,
    person: emptyPerson(),
    consent: false,
  };
}

/** The public form offers the ways a person can be reached at home. */
export const PUBLIC_CHANNELS: readonly ContactChannel[] = ['PHONE', 'TEXT', 'EMAIL', 'POST'];

export const ROLES = [
  { value: 'VICTIM', label: 'It happened to me' },
  {
    value: 'BEREAVED_FAMILY',
    label: 'Someone close to me died as a result of a crime',
    hint: 'For example, your partner, parent, child, brother or sister',
  },
  {
    value: 'OTHER_AFFECTED',
    label: 'I was affected in another way',
    hint: 'For example, as a witness, a neighbour or a family member',
  },
] as const;

export const YES_NO_UNSURE = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'I’m not sure' },
];

// ---- The pages ------------------------------------------------------------------------------

export type StepId =
  | 'affected'
  | 'what-happened'
  | 'person-responsible'
  | 'name'
  | 'contact'
  | 'support'
  | 'check'
  | 'send'
  | 'sent';

export interface Step {
  id: StepId;
  path: string;
  /** The page's h1, and its title ("… – Refer yourself – RJ Hub"). */
  title: string;
}

export const BASE = '/refer-yourself';

/** In order. The first keeps the address the public page has always linked to. */
export const STEPS: readonly Step[] = [
  { id: 'affected', path: BASE, title: 'How did the crime or conflict affect you?' },
  { id: 'what-happened', path: `${BASE}/what-happened`, title: 'What happened' },
  { id: 'person-responsible', path: `${BASE}/person-responsible`, title: 'Do you know who was responsible?' },
  { id: 'name', path: `${BASE}/your-name`, title: 'What is your name?' },
  { id: 'contact', path: `${BASE}/contact`, title: 'How we may contact you' },
  { id: 'support', path: `${BASE}/language-and-support`, title: 'Language and support' },
  { id: 'check', path: `${BASE}/check-your-answers`, title: 'Check your answers before sending your referral' },
  { id: 'send', path: `${BASE}/send`, title: 'Send your referral' },
  { id: 'sent', path: `${BASE}/sent`, title: 'Referral sent' },
];

export function stepAt(path: string): Step | undefined {
  return STEPS.find((s) => s.path === path);
}

export function stepById(id: StepId): Step {
  return STEPS.find((s) => s.id === id) as Step;
}

/** Where "Change" on check your answers goes: the page, coming back to check your answers. */
export function changeHref(id: StepId): string {
  return `${stepById(id).path}?return=check`;
}

/** The checks of one page, in the order of its questions (no round trip; the server checks again). */
export function checkStep(id: StepId, a: SelfReferralAnswers): Problem[] {
  const found: Problem[] = [];
  switch (id) {
    case 'affected':
      if (!a.role) found.push(problem('role', 'Choose how the crime or conflict affected you'));
      if (a.role === 'BEREAVED_FAMILY' && !a.relationship.trim())
        found.push(problem('relationship', 'Say how you are related to the person who died'));
      break;
    case 'what-happened':
      if (a.offence.area === 'outside_county' && !a.offence.areaDetail.trim())
        found.push(problem('areaDetail', 'Say which area, outside the county'));
      break;
    case 'name':
      if (!a.person.fullName.trim()) found.push(problem('fullName', 'Enter your name'));
      break;
    case 'contact':
      found.push(...checkPerson(a.person, { prefix: '', you: true, requireName: false, requireChannel: true }));
      break;
    case 'send':
      if (!a.consent) found.push(problem('consentToContact', 'Tick the box to agree that we may contact you'));
      break;
    default:
      break;
  }
  return found;
}

/** The first page before this one that still needs an answer (someone who skipped ahead, or came back after sending). */
export function firstUnanswered(id: StepId, a: SelfReferralAnswers): Step | null {
  const index = STEPS.findIndex((s) => s.id === id);
  for (const step of STEPS.slice(0, index)) {
    if (step.id === 'check' || step.id === 'send') continue;
    if (checkStep(step.id, a).length > 0) return step;
  }
  return null;
}

/** The page that holds a field the server named (`extensions.field`). */
const FIELD_STEPS: Record<string, StepId> = {
  role: 'affected',
  relationship: 'affected',
  offenceCategory: 'what-happened',
  hateCrime: 'what-happened',
  summary: 'what-happened',
  area: 'what-happened',
  areaDetail: 'what-happened',
  originatingArea: 'what-happened',
  reportedToPolice: 'what-happened',
  crimeReference: 'what-happened',
  proceedingsStage: 'what-happened',
  offenderKnown: 'person-responsible',
  contactIfOffenderIdentified: 'person-responsible',
  fullName: 'name',
  contactChannels: 'contact',
  email: 'contact',
  phone: 'contact',
  address: 'contact',
  postcode: 'contact',
  safeTimes: 'contact',
  mayLeaveMessage: 'contact',
  preferredLanguage: 'support',
  interpreterNeeded: 'support',
  accessibilityNeeds: 'support',
  consentToContact: 'send',
};

export function stepOfField(field: string | null): StepId | null {
  if (!field) return null;
  // "person.email" or "email": the public form's people are at the top level.
  const name = field.replace(/^person\./, '').replace(/^offence\./, '');
  return FIELD_STEPS[name] ?? null;
}

/** What the server takes. Contact details go only with the ways of contact that use them. */
export function selfReferralInput(a: SelfReferralAnswers, website: string): SelfReferralFormInput {
  const known = a.offenderKnown === 'yes' ? true : a.offenderKnown === 'no' ? false : null;
  return {
    role: a.role as ParticipantRole,
    relationship: a.role === 'BEREAVED_FAMILY' ? a.relationship.trim() : null,
    person: personInput(a.person),
    offence: offenceInput(a.offence),
    offenderKnown: known,
    contactIfOffenderIdentified: known !== true && a.contactIfIdentified,
    consentToContact: a.consent,
    website: website || null,
  };
}

// ---- Where the answers are kept ---------------------------------------------------------------

const KEY = 'rjhub.selfReferral';
const EMPTY = JSON.stringify(emptyAnswers());

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** The saved answers, with anything missing or malformed taken as not answered. */
function read(): SelfReferralAnswers {
  const base = emptyAnswers();
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return base;
    const saved = JSON.parse(raw) as Partial<SelfReferralAnswers>;
    if (!saved || typeof saved !== 'object') return base;
    return {
      ...base,
      ...saved,
      offence: { ...base.offence, ...(saved.offence ?? {}) },
      person: { ...base.person, ...(saved.person ?? {}) },
    };
  } catch {
    return base;
  }
}

class Journey {
  answers = $state<SelfReferralAnswers>(read());
  /** After sending: the reference and what happens next (in memory only, never stored). */
  receipt = $state.raw<{ reference: string; nextSteps: string; acknowledgementSent: boolean } | null>(null);
  /** The server's problems to show on the page that holds their field, once it opens. */
  pendingProblems = $state.raw<Problem[]>([]);
}

export const journey = new Journey();

/** Writes the answers to this tab's storage (or removes them when there are none). */
export function saveAnswers(): void {
  const json = JSON.stringify(journey.answers);
  const store = storage();
  if (!store) return;
  try {
    if (json === EMPTY) store.removeItem(KEY);
    else store.setItem(KEY, json);
  } catch {
    // Storage full or switched off: the answers stay in memory for this page load.
  }
}

/** Forgets every answer, here and in storage. */
export function forgetAnswers(): void {
  journey.answers = emptyAnswers();
  journey.pendingProblems = [];
  try {
    storage()?.removeItem(KEY);
  } catch {
    // As above.
  }
}

export function hasAnswers(): boolean {
  return JSON.stringify(journey.answers) !== EMPTY;
}

forgetOnExit(() => {
  forgetAnswers();
  journey.receipt = null;
});
