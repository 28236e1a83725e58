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
  'CaseMeetings',
  'AgreementItems',
  'SignOffs',
  'CaseSatisfaction',
  'CaseTestimonials',
  'MyMeetings',
  'MyFollowUps',
  'MyRecord',
  'TrainingCourses',
  'TrainingPool',
]);

const DB_NAME = 'rjhub-offline';
const STORE = 'results';

interface Kept {
  key: string;
  owner: string;
  savedAt: string;
  data: unknown;
}

class OfflineState {
  /** The oldest saved copy shown on the current page, and the navigation it was shown at. */
  shown = $state.raw<{ savedAt: string; at: number } | null>(null);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
}

export const offline = new OfflineState();

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

function save(key: string, data: unknown): void {
  if (!owner) return;
  const record: Kept = { key, owner, savedAt: new Date().toISOString(), data };
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
        const name = nameOf(result.operation);
        if (!name) return fromValue(result);
        const key = keyOf(name, result.operation.variables);
        if (result.data && !result.error) {
          save(key, result.data);
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
