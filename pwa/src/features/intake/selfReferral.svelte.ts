// The public self-referral as a GOV.UK question journey: one thing per page, "check your
// answers", then consent and send. The answers live here while the person goes from page to
// page, and in this tab's sessionStorage (never localStorage: the computer may be shared) so that
// a reload or a dropped connection loses nothing. They are forgotten when the referral is sent,
// on "Start again" and on "Exit this page". Everything it says is in the page's language
// (lib/i18n.svelte.ts, locales/*.ftl).
import { forgetOnExit } from '../../lib/exit';
import { problem, type Problem } from '../../lib/errors';
import { i18n, inEnglish, t } from '../../lib/i18n.svelte';
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
}

export const BASE = '/refer-yourself';

/** In order. The first keeps the address the public page has always linked to. */
export const STEPS: readonly Step[] = [
  { id: 'affected', path: BASE },
  { id: 'what-happened', path: `${BASE}/what-happened` },
  { id: 'person-responsible', path: `${BASE}/person-responsible` },
  { id: 'name', path: `${BASE}/your-name` },
  { id: 'contact', path: `${BASE}/contact` },
  { id: 'support', path: `${BASE}/language-and-support` },
  { id: 'check', path: `${BASE}/check-your-answers` },
  { id: 'send', path: `${BASE}/send` },
  { id: 'sent', path: `${BASE}/sent` },
];

/** The page's h1, and its title ("… – Refer yourself – RJ Hub"), in the page's language. */
export function stepTitle(step: Step): string {
  return t(`page-${step.id}`);
}

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
      if (!a.role) found.push(problem('role', t('error-role')));
      if (a.role === 'BEREAVED_FAMILY' && !a.relationship.trim()) found.push(problem('relationship', t('error-relationship')));
      break;
    case 'what-happened':
      if (a.offence.area === 'outside_county' && !a.offence.areaDetail.trim())
        found.push(problem('areaDetail', t('error-area-detail')));
      break;
    case 'name':
      if (!a.person.fullName.trim()) found.push(problem('fullName', t('error-full-name')));
      break;
    case 'contact':
      found.push(
        ...checkPerson(a.person, {
          prefix: '',
          you: true,
          requireName: false,
          requireChannel: true,
          words: {
            contactChannels: t('error-channels'),
            email: t('error-email'),
            emailFormat: t('error-email-format'),
            phone: t('error-phone'),
            address: t('error-address'),
          },
        }),
      );
      break;
    case 'send':
      if (!a.consent) found.push(problem('consentToContact', t('error-consent')));
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
  safeWindows: 'contact',
  safeTimes: 'contact',
  mayLeaveMessage: 'contact',
  discreet: 'contact',
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

/** The server's messages for a field, in the page's language (the server writes English). */
const FIELD_MESSAGES: Record<string, string> = {
  role: 'error-role',
  relationship: 'error-relationship',
  offenceCategory: 'server-error-choose',
  area: 'server-error-choose',
  areaDetail: 'error-area-detail',
  proceedingsStage: 'server-error-choose',
  fullName: 'error-full-name',
  contactChannels: 'error-channels',
  email: 'server-error-email',
  phone: 'server-error-phone',
  address: 'server-error-address',
  postcode: 'server-error-postcode',
  preferredLanguage: 'server-error-choose',
  consentToContact: 'server-error-consent',
};

/**
 * The server's refusals as the page shows them. In English, its own words (they say exactly
 * what is wrong). In another language our translation for the field it names: "too long" (with
 * the number it allows) and "characters not allowed" for any field, else the field's message,
 * else "check your answer"; a refusal of the whole form (too many arriving, the server) in
 * general words, with the service's contact details shown below it.
 */
export function translateProblems(problems: readonly Problem[]): Problem[] {
  if (inEnglish()) return [...problems];
  return problems.map((p) => {
    const tooLong = /(\d+) characters or fewer/.exec(p.message);
    let message: string;
    if (tooLong) message = t('server-error-too-long', { max: Number(tooLong[1]) });
    else if (/characters that are not allowed/.test(p.message)) message = t('server-error-characters');
    else if (p.field) {
      const name = p.field.replace(/^person\./, '').replace(/^offence\./, '');
      message = t(FIELD_MESSAGES[name] ?? 'server-error-check');
    } else message = t(p.code === 'TOO_MANY_REQUESTS' ? 'server-error-busy' : 'server-error-other');
    return { ...p, message };
  });
}

/** What the server takes. Contact details go only with the ways of contact that use them. */
export function selfReferralInput(a: SelfReferralAnswers, website: string): SelfReferralFormInput {
  const known = a.offenderKnown === 'yes' ? true : a.offenderKnown === 'no' ? false : null;
  const locale = i18n.locale;
  return {
    role: a.role as ParticipantRole,
    relationship: a.role === 'BEREAVED_FAMILY' ? a.relationship.trim() : null,
    person: personInput(a.person, { safeContact: true, locale }),
    offence: offenceInput(a.offence),
    offenderKnown: known,
    contactIfOffenderIdentified: known !== true && a.contactIfIdentified,
    consentToContact: a.consent,
    website: website || null,
    // The language it was filled in: the acknowledgement and later messages are written in it.
    locale,
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
