import { problem, type Problem } from './errors';
import type { ContactChannel, PersonInput } from '../gql/graphql';

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
}

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

/**
 * The input the server takes. Contact details are sent only for the ways of contact chosen:
 * a number it is not safe to use is not kept (the safe-contact profile, R-ST-4).
 */
export function personInput(d: PersonDraft): PersonInput {
  return {
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

export interface PersonCheck {
  /** Server field prefix: '' (top level), 'victim.', 'offender.', 'person.'. */
  prefix: string;
  /** Second person ("your") on the public form, third person on staff forms. */
  you: boolean;
  requireName?: boolean;
  requireChannel?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks made before a round trip; the server checks again (and more). */
export function checkPerson(d: PersonDraft, { prefix, you, requireName = true, requireChannel = false }: PersonCheck): Problem[] {
  const found: Problem[] = [];
  const f = (name: string) => `${prefix}${name}`;
  if (requireName && !d.fullName.trim()) found.push(problem(f('fullName'), you ? 'Enter your full name' : 'Enter their full name'));
  if (requireChannel && d.contactChannels.length === 0)
    found.push(problem(f('contactChannels'), you ? 'Choose at least one way we can contact you' : 'Choose at least one way to contact them'));
  if (needsEmail(d)) {
    if (!d.email.trim()) found.push(problem(f('email'), 'Enter an email address'));
    else if (!EMAIL.test(d.email.trim()))
      found.push(problem(f('email'), 'Enter an email address in the correct format, like name@example.com'));
  }
  if (needsPhone(d) && !d.phone.trim()) found.push(problem(f('phone'), 'Enter a phone number'));
  if (needsAddress(d) && !d.address.trim()) found.push(problem(f('address'), 'Enter an address'));
  return found;
}
