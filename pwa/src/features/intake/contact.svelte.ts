import { client } from '../../lib/client';
import { ServiceContactDetailsDocument, type ServiceContactDetailsQuery } from '../../gql/graphql';

/** How to get in touch with the service: phone, e-mail and opening hours, from the server. */
export type Contact = ServiceContactDetailsQuery['serviceContact'];

class ContactState {
  value = $state.raw<Contact | null>(null);
  /** The details could not be fetched (offline, or the server did not answer). */
  failed = $state(false);
}

/**
 * Fetched once per page load by the public pages (no sign-in needed) and kept in memory only,
 * so that a refusal or a dropped connection later on can still say how to get in touch.
 */
export const contact = new ContactState();

let pending: Promise<void> | null = null;

/** Starts fetching the contact details unless they are here already (tries again after a failure). */
export function ensureContact(): Promise<void> {
  if (contact.value) return Promise.resolve();
  pending ??= client
    .query(ServiceContactDetailsDocument, {})
    .toPromise()
    .then((result) => {
      if (result.data) {
        contact.value = result.data.serviceContact;
        contact.failed = false;
      } else {
        contact.failed = true;
      }
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** "01632 960 000" → "tel:01632960000" (digits and a leading +). */
export function telHref(phone: string): string {
  const plus = phone.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${phone.replace(/\D/g, '')}`;
}
