// The public pages in the county's languages (issue #18, R-SQ-1, R-IN-4): Project Fluent, one
// file per language in the repository's top-level `locales/` (the server renders its e-mails and
// texts from the same files). Only the public home page and the self-referral are translated
// (`translated` routes in routes.ts); staff screens stay English, and App.svelte sets the
// document's language back to English on them.
//
// The language is, in order: `?lang=xx` in the address (the language switcher's links), what
// the person chose before in this tab (sessionStorage, never localStorage: the computer may be
// shared; forgotten on "Exit this page" like the answers), the browser's languages, English.
// Only the chosen language's file is fetched, with @fluent/bundle, when a translated page first
// opens: the first load carries neither.
import type { FluentBundle, FluentVariable } from '@fluent/bundle';
import { forgetOnExit } from './exit';

export const LOCALES = [
  // British English, as index.html says: Easy Read is English to the browser and screen readers.
  { code: 'en', name: 'English', lang: 'en-GB' },
  { code: 'en-x-easyread', name: 'Easy Read', lang: 'en-GB' },
  { code: 'pl', name: 'Polski', lang: 'pl' },
  { code: 'lt', name: 'Lietuvių', lang: 'lt' },
  { code: 'ro', name: 'Română', lang: 'ro' },
  { code: 'pt', name: 'Português', lang: 'pt' },
  { code: 'ru', name: 'Русский', lang: 'ru' },
] as const;

export type Locale = (typeof LOCALES)[number]['code'];

export const DEFAULT_LOCALE: Locale = 'en';

/** Languages written right to left (none of the county's today; `dir` follows the list). */
const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ps', 'ur', 'yi']);

export function isLocale(code: string | null | undefined): code is Locale {
  return !!code && LOCALES.some((l) => l.code === code);
}

/** The `lang` attribute for a locale: Easy Read is (British) English. */
export function langOf(code: Locale): string {
  return LOCALES.find((l) => l.code === code)?.lang ?? 'en-GB';
}

// Each language file, fetched only when chosen (its own small chunk).
const FILES = import.meta.glob<string>('../../../locales/*.ftl', { query: '?raw', import: 'default' });

class I18n {
  locale = $state<Locale>(DEFAULT_LOCALE);
  bundle = $state.raw<FluentBundle | null>(null);
  /** The page on screen is one of the translated public pages. */
  active = $state(false);
}

export const i18n = new I18n();

export type Args = Record<string, FluentVariable>;

/**
 * Message `key` ("id" or "id.attribute") in the page's language, with its placeables filled in.
 * Reactive: read in a template or an effect, it follows a change of language.
 */
export function t(key: string, args?: Args): string {
  const bundle = i18n.bundle;
  if (!bundle) return key;
  const dot = key.indexOf('.');
  const id = dot < 0 ? key : key.slice(0, dot);
  const message = bundle.getMessage(id);
  const pattern = dot < 0 ? message?.value : message?.attributes[key.slice(dot + 1)];
  if (!pattern) return key;
  // Errors (a placeable not given) leave "{$name}" in the text rather than throwing.
  return bundle.formatPattern(pattern, args, []);
}

/** Whether the page's language has message `key`. */
export function has(key: string): boolean {
  const bundle = i18n.bundle;
  if (!bundle) return false;
  const [id, attribute] = key.split('.', 2);
  const message = bundle.getMessage(id);
  return attribute ? !!message?.attributes[attribute] : !!message?.value;
}

/**
 * For what components shared with staff screens say (the error summary's title, "Error:"):
 * the translation on a translated page, the English words everywhere else.
 */
export function ui(key: string, english: string, args?: Args): string {
  return i18n.active && i18n.bundle ? t(key, args) : english;
}

/** Whether the page shows the English the server writes (its errors, its lists' words) as it is. */
export function inEnglish(): boolean {
  return i18n.locale === 'en';
}

// ---- Choosing the language ----------------------------------------------------------------

const KEY = 'rjhub.language';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function chosenBefore(): Locale | null {
  try {
    const saved = storage()?.getItem(KEY);
    return isLocale(saved) ? saved : null;
  } catch {
    return null;
  }
}

function remember(code: Locale): void {
  try {
    storage()?.setItem(KEY, code);
  } catch {
    // Storage switched off: the address still carries the choice on this page.
  }
}

/** The browser's languages against ours (never Easy Read: nobody's browser asks for it). */
async function fromBrowser(): Promise<Locale> {
  const wanted = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? [navigator.language])];
  if (wanted.length === 0) return DEFAULT_LOCALE;
  const { negotiateLanguages } = await import('@fluent/langneg');
  const available = LOCALES.map((l) => l.code).filter((c) => c !== 'en-x-easyread');
  const [best] = negotiateLanguages(wanted, available, { defaultLocale: DEFAULT_LOCALE, strategy: 'lookup' });
  return isLocale(best) ? best : DEFAULT_LOCALE;
}

/** The language for a translated page opened at this address. */
async function chooseLocale(query: URLSearchParams): Promise<Locale> {
  const asked = query.get('lang');
  if (isLocale(asked)) {
    remember(asked);
    return asked;
  }
  return chosenBefore() ?? (await fromBrowser());
}

function setDocumentLanguage(code: Locale): void {
  const lang = langOf(code);
  document.documentElement.lang = lang;
  document.documentElement.dir = RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr';
}

async function loadBundle(code: Locale): Promise<FluentBundle> {
  const file = FILES[`../../../locales/${code}.ftl`];
  if (!file) throw new Error(`RJ Hub: there is no locales/${code}.ftl`);
  const [{ FluentBundle, FluentResource }, source] = await Promise.all([import('@fluent/bundle'), file()]);
  // Plural rules are the language's own (Easy Read's are English's). No isolation marks: every
  // language here is written left to right, and the text is matched and copied as it reads.
  const bundle = new FluentBundle(langOf(code), { useIsolating: false });
  bundle.addResource(new FluentResource(source));
  return bundle;
}

let loading: { code: Locale; promise: Promise<FluentBundle> } | null = null;

/**
 * Before a page opens (App.svelte): a translated page gets its language — chosen, fetched and
 * set on <html> — and any other page English.
 */
export async function preparePage(translated: boolean, query: URLSearchParams): Promise<void> {
  if (!translated) {
    i18n.active = false;
    setDocumentLanguage(DEFAULT_LOCALE);
    return;
  }
  const code = await chooseLocale(query);
  if (!i18n.bundle || i18n.locale !== code) {
    if (loading?.code !== code) loading = { code, promise: loadBundle(code) };
    const promise = loading.promise;
    try {
      const bundle = await promise;
      if (loading?.promise !== promise) return;
      i18n.bundle = bundle;
      i18n.locale = code;
    } finally {
      if (loading?.promise === promise) loading = null;
    }
  }
  i18n.active = true;
  setDocumentLanguage(code);
}

/** The address of this page in another language (its other parameters kept: `?return=check`). */
export function hrefIn(code: Locale, path: string, query: URLSearchParams): string {
  const params = new URLSearchParams(query);
  params.set('lang', code);
  return `${path}?${params.toString()}`;
}

// "Exit this page" forgets the choice with the answers (sessionStorage is cleared as a whole).
forgetOnExit(() => {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // As above.
  }
});
