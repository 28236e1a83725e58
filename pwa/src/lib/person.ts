import { problem, type Problem } from './errors';
import type { ContactChannel, PersonInput, Weekday } from '../gql/graphql';

/** A person's details as a form holds them (strings for inputs, '' for "not answered"). */
export interface PersonDraft {
  fullName: string;
  email: string;
  phone: string;
  address: string;
  postcode: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  accessibilityNeeds: string;
  contactChannels: ContactChannel[];
  safeTimes: string;
  mayLeaveMessage: '' | 'yes' | 'no';
  /** The times it is safe to contact them, as ticked (SAFE_WINDOWS ids); none: e-mails
   *  at any time, calls and texts 08:00–21:00 (the server's rule). */
  safeWindows: SafeWindowId[];
  /** May the service say who it is to someone else who answers? ('no': be discreet). */
  sayWhoWeAre: '' | 'yes' | 'no';
}

export type SafeWindowId = 'weekday-mornings' | 'weekday-afternoons' | 'weekday-evenings' | 'saturdays';

const WEEKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI'];

/**
 * The times the public form offers as safe to contact someone (R-ST-4), sent as
 * `safeWindows` (UK time).
 */
export const SAFE_WINDOWS: readonly {
  id: SafeWindowId;
  days: readonly Weekday[];
  from: string;
  to: string;
  /** The staff screens' words (the public form's are `window-<id>` in locales/). */
  label: string;
}[] = [
  { id: 'weekday-mornings', days: WEEKDAYS, from: '09:00', to: '12:00', label: 'Weekday mornings (9am to 12pm)' },
  { id: 'weekday-afternoons', days: WEEKDAYS, from: '12:00', to: '17:00', label: 'Weekday afternoons (12pm to 5pm)' },
  { id: 'weekday-evenings', days: WEEKDAYS, from: '17:00', to: '20:00', label: 'Weekday evenings (5pm to 8pm)' },
  { id: 'saturdays', days: ['SAT'], from: '10:00', to: '16:00', label: 'Saturdays (10am to 4pm)' },
];

export function emptyPerson(): PersonDraft {
  return {
    fullName: '',
    email: '',
    phone: '',
    address: '',
    postcode: '',
    preferredLanguage: '',
    interpreterNeeded: false,
    accessibilityNeeds: '',
    contactChannels: [],
    safeTimes: '',
    mayLeaveMessage: '',
    safeWindows: [],
    sayWhoWeAre: '',
  };
}

/** "victim.email" → "victim-email": the id of the input for a server field name. */
export function fieldToId(field: string): string {
  return field.replace(/\./g, '-');
}

const uses = (d: PersonDraft, ...channels: ContactChannel[]) => channels.some((c) => d.contactChannels.includes(c));

/** Which contact details the chosen channels need (only those are kept: see personInput). */
export function needsEmail(d: PersonDraft): boolean {
  return uses(d, 'EMAIL');
}
export function needsPhone(d: PersonDraft): boolean {
  return uses(d, 'PHONE', 'TEXT');
}
export function needsAddress(d: PersonDraft): boolean {
  return uses(d, 'POST');
}

const text = (v: string) => (v.trim() ? v.trim() : null);

export interface PersonInputOptions {
  /**
   * The form asked when it is safe to contact them and whether the service may say who it is
   * (the public self-referral): send the answers, none ticked
   * leaving e-mails at any time and calls and texts to 08:00–21:00.
   * Other forms do not ask, and send neither.
   */
  safeContact?: boolean;
  /** The language written messages are to be in (a code in locales/). */
  locale?: string;
}

/**
 * The input the server takes. Contact details are sent only for the ways of contact chosen:
 * a number it is not safe to use is not kept (the safe-contact profile, R-ST-4).
 */
export function personInput(d: PersonDraft, { safeContact = false, locale }: PersonInputOptions = {}): PersonInput {
  const safe: Partial<PersonInput> = safeContact
    ? {
        safeWindows: SAFE_WINDOWS.filter((w) => d.safeWindows.includes(w.id)).map((w) => ({
          days: [...w.days],
          from: w.from,
          to: w.to,
        })),
        discreet: d.sayWhoWeAre === '' ? null : d.sayWhoWeAre === 'no',
      }
    : {};
  return {
    ...safe,
    ...(locale ? { locale } : {}),
    fullName: d.fullName.trim(),
    email: needsEmail(d) ? text(d.email) : null,
    phone: needsPhone(d) ? text(d.phone) : null,
    address: needsAddress(d) ? text(d.address) : null,
    postcode: needsAddress(d) ? text(d.postcode) : null,
    preferredLanguage: d.preferredLanguage || null,
    interpreterNeeded: d.interpreterNeeded,
    accessibilityNeeds: text(d.accessibilityNeeds),
    contactChannels: d.contactChannels,
    safeTimes: text(d.safeTimes),
    mayLeaveMessage: d.mayLeaveMessage === '' ? null : d.mayLeaveMessage === 'yes',
  };
}

/** What checkPerson can find wrong, for a form that says it in other words (another language). */
export type PersonProblemId = 'fullName' | 'contactChannels' | 'email' | 'emailFormat' | 'phone' | 'address';

export interface PersonCheck {
  /** Server field prefix: '' (top level), 'victim.', 'offender.', 'person.'. */
  prefix: string;
  /** Second person ("your") on the public form, third person on staff forms. */
  you: boolean;
  requireName?: boolean;
  requireChannel?: boolean;
  /** The words for each problem, instead of the English below (the public form's language). */
  words?: Partial<Record<PersonProblemId, string>>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks made before a round trip; the server checks again (and more). */
export function checkPerson(
  d: PersonDraft,
  { prefix, you, requireName = true, requireChannel = false, words = {} }: PersonCheck,
): Problem[] {
  const found: Problem[] = [];
  const f = (name: string) => `${prefix}${name}`;
  const say = (id: PersonProblemId, english: string) => words[id] ?? english;
  if (requireName && !d.fullName.trim())
    found.push(problem(f('fullName'), say('fullName', you ? 'Enter your full name' : 'Enter their full name')));
  if (requireChannel && d.contactChannels.length === 0)
    found.push(
      problem(
        f('contactChannels'),
        say('contactChannels', you ? 'Choose at least one way we can contact you' : 'Choose at least one way to contact them'),
      ),
    );
  if (needsEmail(d)) {
    if (!d.email.trim()) found.push(problem(f('email'), say('email', 'Enter an email address')));
    else if (!EMAIL.test(d.email.trim()))
      found.push(problem(f('email'), say('emailFormat', 'Enter an email address in the correct format, like name@example.com')));
  }
  if (needsPhone(d) && !d.phone.trim()) found.push(problem(f('phone'), say('phone', 'Enter a phone number')));
  if (needsAddress(d) && !d.address.trim()) found.push(problem(f('address'), say('address', 'Enter an address')));
  return found;
}

// ---- A participant's safe-contact profile, as staff change it (R-ST-4) -----------------------

/** A weekly window it is safe to reach someone, as the server keeps it (UK time). */
export interface SafeTimeValue {
  days: readonly Weekday[];
  from: string;
  to: string;
  /** The server's words: "Mon to Fri, 18:00 to 21:00". */
  inWords: string;
}

/**
 * What the staff form adds to a person's details: the safe times as ticked (the public form's
 * presets, `SAFE_WINDOWS` ids, and `kept-<n>` for each window of their own that is none of
 * them, shown so it is kept unless unticked), discretion and the language written to them in.
 */
export interface ProfileDraft {
  windows: string[];
  /** Their windows that match no preset, in the order the server gave them. */
  others: (SafeTimeValue & { key: string })[];
  /** Do not mention restorative justice to anyone else who answers or sees a message. */
  discreet: boolean;
  /** A `messageLanguages` code. */
  locale: string;
}

/** The person as the server gives it (the case page's `CaseDetail` participants). */
export interface PersonValue {
  fullName: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  postcode?: string | null;
  preferredLanguage?: string | null;
  interpreterNeeded: boolean;
  accessibilityNeeds?: string | null;
  contactChannels: readonly ContactChannel[];
  safeTimes?: string | null;
  mayLeaveMessage?: boolean | null;
  safeWindows: readonly SafeTimeValue[];
  discreet: boolean;
  locale: string;
}

const sameDays = (a: readonly Weekday[], b: readonly Weekday[]) => a.length === b.length && a.every((d) => b.includes(d));

/** The form's answers from what the server holds now (every field: the change replaces them all). */
export function draftFromPerson(p: PersonValue): { person: PersonDraft; profile: ProfileDraft } {
  const windows: string[] = [];
  const others: ProfileDraft['others'] = [];
  for (const w of p.safeWindows) {
    const preset = SAFE_WINDOWS.find((s) => s.from === w.from && s.to === w.to && sameDays(s.days, w.days));
    if (preset) {
      if (!windows.includes(preset.id)) windows.push(preset.id);
    } else {
      const key = `kept-${others.length + 1}`;
      others.push({ key, days: [...w.days], from: w.from, to: w.to, inWords: w.inWords });
      windows.push(key);
    }
  }
  return {
    person: {
      ...emptyPerson(),
      fullName: p.fullName,
      email: p.email ?? '',
      phone: p.phone ?? '',
      address: p.address ?? '',
      postcode: p.postcode ?? '',
      preferredLanguage: p.preferredLanguage ?? '',
      interpreterNeeded: p.interpreterNeeded,
      accessibilityNeeds: p.accessibilityNeeds ?? '',
      contactChannels: [...p.contactChannels],
      safeTimes: p.safeTimes ?? '',
      mayLeaveMessage: p.mayLeaveMessage === true ? 'yes' : p.mayLeaveMessage === false ? 'no' : '',
    },
    profile: { windows, others, discreet: p.discreet, locale: p.locale },
  };
}

/** The whole person for `updateContactProfile`: their details and profile as they are to be now. */
export function profileInput(d: PersonDraft, p: ProfileDraft): PersonInput {
  const presets = SAFE_WINDOWS.filter((w) => p.windows.includes(w.id));
  const kept = p.others.filter((w) => p.windows.includes(w.key));
  return {
    ...personInput(d),
    safeWindows: [...presets, ...kept].map((w) => ({ days: [...w.days], from: w.from, to: w.to })),
    discreet: p.discreet,
    locale: p.locale || null,
  };
}
