// The public pages' words for choices and the service's lists, in the page's language
// (lib/i18n.svelte.ts). Shared by the self-referral's pages and the form components it uses.
import { i18n, inEnglish, t } from './i18n.svelte';
import type { Option } from './labels';
import { labelOf, optionsOf, type ListName } from './reference.svelte';
import type { ContactChannel, ParticipantRole } from '../gql/graphql';

/** How the person was affected, in the page's language. */
export function roles(): Option<ParticipantRole>[] {
  return [
    { value: 'VICTIM', label: t('role-victim') },
    { value: 'BEREAVED_FAMILY', label: t('role-bereaved'), hint: t('role-bereaved.hint') },
    { value: 'OTHER_AFFECTED', label: t('role-other'), hint: t('role-other.hint') },
  ];
}

export function yesNoUnsure(): Option<'yes' | 'no' | 'unsure'>[] {
  return [
    { value: 'yes', label: t('yes') },
    { value: 'no', label: t('no') },
    { value: 'unsure', label: t('not-sure') },
  ];
}

export function yesNo(): Option<'yes' | 'no'>[] {
  return [
    { value: 'yes', label: t('yes') },
    { value: 'no', label: t('no') },
  ];
}

/** The words for a channel the public form offers. */
export function channelLabel(channel: ContactChannel): string {
  return t(`channel-${channel}`);
}

/**
 * The words for an item of one of the service's lists: in English the server's own, in
 * another language the translation of the starting list's code (locales/*.ftl, `list-…`), or
 * the server's words for an item the co-ordinator added since.
 */
export function listLabel(list: ListName, code: string): string {
  if (!code) return '';
  const key = `list-${list}-${code}`;
  if (!inEnglish() && i18n.bundle?.hasMessage(key)) return t(key);
  return labelOf(list, code);
}

/** A list's items as options, in the page's language. */
export function listOptions(list: ListName, exclude: readonly string[] = []): Option[] {
  return optionsOf(list, exclude).map((o) => ({ value: o.value, label: listLabel(list, o.value) }));
}
