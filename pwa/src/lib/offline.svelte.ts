import type { Exchange, Operation, OperationResult } from '@urql/core';
import { fromPromise, fromValue, mergeMap, pipe } from 'wonka';
import { here } from './router.svelte';

/**
 * The client's offline store: the answers to the queries below, as last read by the signed-in
 * user, kept in IndexedDB (keyed by operation name and variables) so that the screens the user
 * has opened still show, from that copy, when the phone has no signal.
 *
 * - Only the operations named here are kept, and only while someone is signed in (the owner is
 *   set by the session module), so nothing is ever kept for the public pages.
 * - A kept answer is used only when the request could not reach the server (a network error),
 *   never instead of the server's answer; the page then says when it was saved.
 * - Everything is wiped on sign-out, when the server says the session has ended
 *   (UNAUTHENTICATED), and when a different user signs in on this device.
 * - The service worker never sees any of it: it caches the app shell only.
 */
export const KEPT_OPERATIONS: ReadonlySet<string> = new Set([
  'Me',
  'ReferenceLists',
  'MyOffers',
  'MyCases',
  'CaseDetail',
  'CaseTriage',
  'CaseMeetings',
  'AgreementItems',
  'SignOffs',
  'CaseSatisfaction',
  'CaseTestimonials',
  'MyMeetings',
  'MyFollowUps',
  'MyRecord',
  'MyWeek',
  'TrainingCourses',
  'TrainingPool',
  'Workbench',
  'MessageLanguages',
]);

const DB_NAME = 'rjhub-offline';
const STORE = 'results';

interface Kept {
  key: string;
  owner: string;
  savedAt: string;
  data: unknown;
  /** The query's variables (older copies may not have them). */
  variables?: unknown;
}

class OfflineState {
  /** The oldest saved copy shown on the current page, and the navigation it was shown at. */
  shown = $state.raw<{ savedAt: string; at: number } | null>(null);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
}

export const offline = new OfflineState();

/**
 * A change the user made that the server accepted: the ids it touched (the case, the meeting…),
 * so an open page can read again what it shows beside the change (the case page's summary).
 */
class Changes {
  last = $state.raw<{ ids: ReadonlySet<string>; n: number } | null>(null);
}

export const changes = new Changes();

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (offline.online = true));
  window.addEventListener('offline', () => (offline.online = false));
}

/** The signed-in user whose answers are kept; null: keep nothing. */
let owner: string | null = null;
let db: Promise<IDBDatabase | null> | null = null;

function openDb(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  db ??= new Promise<IDBDatabase | null>((resolve) => {
    try {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'key' });
      };
      request.onsuccess = () => resolve(request.result);
      // Private browsing or storage switched off: the app works, just not offline.
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return db;
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return openDb().then(
    (database) =>
      new Promise<T | undefined>((resolve) => {
        if (!database) return resolve(undefined);
        try {
          const tx = database.transaction(STORE, mode);
          const request = work(tx.objectStore(STORE));
          tx.oncomplete = () => resolve(request ? request.result : undefined);
          tx.onerror = () => resolve(undefined);
          tx.onabort = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
      }),
  );
}

/** The same variables always give the same key, whatever order their fields were written in. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function keyOf(name: string, variables: unknown): string {
  return `${name}:${stable(variables ?? {})}`;
}

function nameOf(operation: Operation): string | null {
  if (operation.kind !== 'query') return null;
  for (const def of operation.query.definitions) {
    if (def.kind === 'OperationDefinition') {
      const name = def.name?.value ?? '';
      return KEPT_OPERATIONS.has(name) ? name : null;
    }
  }
  return null;
}

function save(key: string, data: unknown, variables?: unknown): void {
  if (!owner) return;
  const record: Kept = { key, owner, savedAt: new Date().toISOString(), data, variables };
  void run('readwrite', (store) => store.put(record));
}

async function read(key: string): Promise<Kept | null> {
  const found = (await run<Kept | undefined>('readonly', (store) => store.get(key) as IDBRequest<Kept | undefined>)) ?? null;
  if (!found) return null;
  // Before the session is known only the user's own record is read (to open the app offline);
  // everything else only for the user it was saved for.
  if (owner ? found.owner !== owner : !found.key.startsWith('Me:')) return null;
  return found;
}

/** No answer came back: the request never reached the server, or its reply was lost. */
function unreachable(result: OperationResult): boolean {
  return !result.data && !!result.error?.networkError && result.error.graphQLErrors.length === 0;
}

function shownNow(savedAt: string): void {
  const at = here.navigations;
  const current = offline.shown;
  if (current && current.at === at && current.savedAt <= savedAt) return;
  offline.shown = { savedAt, at };
}

/**
 * Keeps the kept operations' answers and, when the network fails, answers from the kept copy
 * instead (with `extensions.savedAt`).
 */
export const offlineExchange: Exchange =
  ({ forward }) =>
  (operations$) =>
    pipe(
      forward(operations$),
      mergeMap((result) => {
        if (result.operation.kind === 'mutation' && result.data && !result.error) {
          changed(result.operation.variables, result.data);
          return fromValue(result);
        }
        const name = nameOf(result.operation);
        if (!name) return fromValue(result);
        const key = keyOf(name, result.operation.variables);
        if (result.data && !result.error) {
          save(key, result.data, result.operation.variables);
          return fromValue(result);
        }
        if (!unreachable(result)) return fromValue(result);
        return fromPromise(
          read(key).then((kept): OperationResult => {
            if (!kept) return result;
            shownNow(kept.savedAt);
            return {
              ...result,
              data: kept.data,
              error: undefined,
              // Not `stale`: toPromise() waits for a result that is not stale.
              extensions: { ...result.extensions, savedAt: kept.savedAt },
            };
          }),
        );
      }),
    );

// ---- The user's own changes, into the kept copies ---------------------------------------------
//
// A change made online answers with what it changed (the whole case for a contact, a consent or a
// move; the meeting; the agreement item). The kept copies that show those records take the new
// version at once, so a case page saved before the change and opened again with no signal shows
// it (without this, the copy would only catch up when the page was next read online).
//
// Records are matched by their `id` (UUIDs, unique across the schema), and only the records the
// change answered with (its payload's fields, not the people inside a case), within the copies
// kept for this user. A kept record takes the new one whole when the new one carries every field
// the copy has (recursively: the case page's `case` after any change to the case); otherwise only
// the plain fields both have (a row of a list: its stage, its label). A new record is added to the
// case's kept list of its kind (a meeting scheduled, an item agreed).

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The case page's lists, by what they hold: where a new record of a case goes. */
const CASE_LISTS: Readonly<Record<string, { field: string; has: (record: Json) => boolean }>> = {
  CaseMeetings: { field: 'caseMeetings', has: (r) => 'startsAt' in r && 'kind' in r },
  AgreementItems: { field: 'agreementItems', has: (r) => 'responsibleParticipantId' in r && 'description' in r },
  CaseSatisfaction: { field: 'caseSatisfaction', has: (r) => 'score' in r && 'side' in r },
  CaseTestimonials: { field: 'caseTestimonials', has: (r) => 'consentToUse' in r && 'text' in r },
};

/** The records a mutation answered with: its payload's fields that are records (or lists of them). */
function answeredRecords(data: unknown): Json[] {
  const found: Json[] = [];
  const take = (v: unknown) => {
    if (isObject(v) && typeof v.id === 'string') found.push(v);
  };
  if (!isObject(data)) return found;
  for (const payload of Object.values(data)) {
    take(payload);
    if (!isObject(payload)) continue;
    for (const v of Object.values(payload)) {
      if (Array.isArray(v)) v.forEach(take);
      else take(v);
    }
  }
  return found;
}

/** Every id a change is about: the variables' ids and those of the records it answered with. */
function idsOf(variables: unknown, records: readonly Json[]): Set<string> {
  const ids = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string' && /(^id$|Id$)/.test(key)) ids.add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(variables, '');
  for (const r of records) {
    ids.add(r.id as string);
    if (typeof r.caseId === 'string') ids.add(r.caseId);
  }
  return ids;
}

/** The fresh value has every field the kept one has (lists: each element, like the kept ones'). */
function covers(fresh: unknown, kept: unknown): boolean {
  if (kept === null || kept === undefined) return true;
  if (Array.isArray(kept)) {
    if (!Array.isArray(fresh)) return false;
    const sample = kept.find((k) => k !== null && k !== undefined);
    return sample === undefined || fresh.every((f) => covers(f, sample));
  }
  if (isObject(kept)) return isObject(fresh) && Object.keys(kept).every((k) => k in fresh && covers(fresh[k], kept[k]));
  return !isObject(fresh) && !Array.isArray(fresh);
}

/** The fresh value cut to the kept one's fields, so the copy keeps the shape its screen reads. */
function project(fresh: unknown, kept: unknown): unknown {
  if (Array.isArray(fresh) && Array.isArray(kept)) {
    const sample = kept.find((k) => k !== null && k !== undefined);
    return sample === undefined ? fresh : fresh.map((f) => project(f, sample));
  }
  if (isObject(fresh) && isObject(kept)) return Object.fromEntries(Object.keys(kept).map((k) => [k, project(fresh[k], kept[k])]));
  return fresh;
}

/** The kept value with the fresh records in it; `null` if nothing in it changed. */
function patched(kept: unknown, fresh: ReadonlyMap<string, Json>): unknown {
  if (Array.isArray(kept)) {
    let any = false;
    const out = kept.map((k) => {
      const p = patched(k, fresh);
      if (p === null) return k;
      any = true;
      return p;
    });
    return any ? out : null;
  }
  if (!isObject(kept)) return null;
  const match = typeof kept.id === 'string' ? fresh.get(kept.id) : undefined;
  if (match && covers(match, kept)) return project(match, kept);
  let any = false;
  const out: Json = { ...kept };
  for (const [k, v] of Object.entries(kept)) {
    if (match && k in match && !isObject(v) && !Array.isArray(v) && !isObject(match[k]) && !Array.isArray(match[k])) {
      if (match[k] !== v) {
        out[k] = match[k];
        any = true;
      }
      continue;
    }
    const p = patched(v, fresh);
    if (p !== null) {
      out[k] = p;
      any = true;
    }
  }
  return any ? out : null;
}

/** A new record of a case, added to that case's kept list of its kind. */
function added(record: Kept, fresh: readonly Json[]): unknown {
  const name = record.key.slice(0, record.key.indexOf(':'));
  const list = CASE_LISTS[name];
  const caseId = isObject(record.variables) ? record.variables.caseId : undefined;
  if (!list || typeof caseId !== 'string' || !isObject(record.data)) return null;
  const items = record.data[list.field];
  if (!Array.isArray(items)) return null;
  const known = new Set(items.map((i) => (isObject(i) ? i.id : null)));
  const sample = items.find(isObject);
  const extra = fresh.filter((f) => f.caseId === caseId && !known.has(f.id) && list.has(f) && (!sample || covers(f, sample)));
  if (extra.length === 0) return null;
  return { ...record.data, [list.field]: [...items, ...extra.map((f) => (sample ? project(f, sample) : f))] };
}

let changeCount = 0;
let patching: Promise<void> = Promise.resolve();

function changed(variables: unknown, data: unknown): void {
  const records = answeredRecords(data);
  changes.last = { ids: idsOf(variables, records), n: ++changeCount };
  if (!owner || records.length === 0) return;
  const who = owner;
  const fresh = new Map(records.map((r) => [r.id as string, r]));
  // One after another: two quick changes to a case must not overwrite each other's copy.
  patching = patching.then(async () => {
    const all = (await run<Kept[]>('readonly', (store) => store.getAll() as IDBRequest<Kept[]>)) ?? [];
    const updates: Kept[] = [];
    for (const record of all) {
      if (record.owner !== who) continue;
      const withChanges = patched(record.data, fresh) ?? record.data;
      const withNew = added({ ...record, data: withChanges }, records) ?? withChanges;
      if (withNew === record.data) continue;
      // Saved now only when the copy is all new (the case page's case); otherwise it says when
      // the rest of it was read.
      const whole =
        isObject(record.data) &&
        Object.values(record.data).every((v) => isObject(v) && typeof v.id === 'string' && covers(fresh.get(v.id), v) && fresh.has(v.id));
      updates.push({ ...record, data: withNew, savedAt: whole ? new Date().toISOString() : record.savedAt });
    }
    if (updates.length > 0 && owner === who) await run('readwrite', (store) => updates.forEach((u) => store.put(u)));
  });
}

/** Resolves when the kept copies have taken the changes made so far (for tests and sign-out). */
export function changesKept(): Promise<void> {
  return patching;
}

/** Wipes everything kept on this device. */
export function wipeOffline(): Promise<void> {
  owner = null;
  offline.shown = null;
  return run('readwrite', (store) => store.clear()).then(() => undefined);
}

/**
 * From the session module: this user is signed in. Anything kept for someone else is wiped, and
 * the user's own record is kept so the app can open offline.
 */
export async function keepFor(userId: string, me: unknown): Promise<void> {
  const changed = owner !== userId;
  owner = userId;
  save(keyOf('Me', {}), { me });
  if (!changed) return;
  const all = (await run<Kept[]>('readonly', (store) => store.getAll() as IDBRequest<Kept[]>)) ?? [];
  const others = all.filter((k) => k.owner !== userId).map((k) => k.key);
  if (others.length > 0) await run('readwrite', (store) => others.forEach((key) => store.delete(key)));
}

/** The time a saved copy was made, for "showing what was saved at 2:05pm". */
export function savedAtText(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const zone = { timeZone: 'Europe/London' } as const;
  const time = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  const day = new Intl.DateTimeFormat('en-GB', { ...zone, day: 'numeric', month: 'long' });
  return day.format(date) === day.format(now) ? time : `${time} on ${day.format(date)}`;
}
