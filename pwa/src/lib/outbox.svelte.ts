import type { CombinedError } from '@urql/core';
import { client } from './client';
import { hasCode, problemsFrom } from './errors';
import { notifyHere, session } from './session.svelte';
import {
  AcceptOfferDocument,
  CompleteAgreementItemDocument,
  DeclineOfferDocument,
  LogContactDocument,
  RecordAttendanceDocument,
  type AcceptOfferMutationVariables,
  type AgreementItemFieldsFragment,
  type CaseDetailFragment,
  type CompleteAgreementItemMutationVariables,
  type DeclineOfferMutationVariables,
  type LogContactMutationVariables,
  type RecordAttendanceMutationVariables,
  type SessionDetailFragment,
} from '../gql/graphql';

/**
 * Actions taken while the phone was offline (or whose request never got through): kept in
 * localStorage until the server has answered them, then sent again, oldest first, with the
 * same idempotency key, so a reply lost on the way back (or a replay from two tabs) never counts
 * twice. Completing an agreement item and recording attendance set a state, so sending them
 * again changes nothing; they carry a key of their own only to be told apart here.
 *
 * A replay the server refuses (CONFLICT, VALIDATION, FORBIDDEN, NOT_FOUND…) is never dropped
 * silently: it becomes a problem, shown above every page with the server's message until the
 * user dismisses it.
 */
type Queued =
  | { operation: 'acceptOffer'; variables: AcceptOfferMutationVariables }
  | { operation: 'declineOffer'; variables: DeclineOfferMutationVariables }
  | { operation: 'logContact'; variables: LogContactMutationVariables }
  | { operation: 'completeAgreementItem'; variables: CompleteAgreementItemMutationVariables }
  | { operation: 'recordAttendance'; variables: RecordAttendanceMutationVariables };

export type PendingAction = Queued & {
  /** The action's idempotency key (the one in its variables, where the API takes one). */
  key: string;
  userId: string;
  queuedAt: string;
  /** What it was, in words: "A contact on case RJ-2026-0003". */
  label: string;
};

export type PendingOperation = PendingAction['operation'];

/** What the server said to a replayed action. */
export interface ReplayOutcome {
  key: string;
  operation: PendingOperation;
  ok: boolean;
  message: string;
  /** For offers: the offer, and an accepted offer's case (to open it). */
  offerId: string | null;
  caseId: string | null;
  /** What the server answered with, for the screen the action was made on. */
  case?: CaseDetailFragment;
  item?: AgreementItemFieldsFragment;
  session?: SessionDetailFragment;
}

/** A replayed action the server refused, kept until the user dismisses it. */
export interface RefusedAction {
  key: string;
  userId: string;
  operation: PendingOperation;
  label: string;
  message: string;
  /** What the user wrote (a contact's summary), so nothing typed is lost. */
  text: string | null;
  at: string;
}

/** The words by anything done offline that waits on the phone to be sent. */
export const PENDING_TEXT = 'will be sent when you’re back online';

const STORAGE_KEY = 'rjhub.pendingActions';
const REFUSED_KEY = 'rjhub.refusedActions';
/** Where answers to offers waited before other actions could (read once, then moved). */
const OLD_KEY = 'rjhub.pendingOfferAnswers';
const RETRY_MS = 30_000;

function readJson<T>(key: string): T[] {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

function writeJson(key: string, items: unknown[]): void {
  try {
    if (items.length > 0) localStorage.setItem(key, JSON.stringify(items));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or switched off: it stays queued for this page's life only.
  }
}

function read(): PendingAction[] {
  return readJson<PendingAction>(STORAGE_KEY);
}

function write(items: PendingAction[]): void {
  writeJson(STORAGE_KEY, items);
  outbox.queued = items;
}

function writeRefused(items: RefusedAction[]): void {
  writeJson(REFUSED_KEY, items);
  outbox.refused = items;
}

class Outbox {
  /** Every queued action on this device (any user's: screens filter by the signed-in user). */
  queued = $state.raw<PendingAction[]>(typeof localStorage === 'undefined' ? [] : read());
  /** Replayed actions the server has answered since the page loaded. */
  outcomes = $state.raw<ReplayOutcome[]>([]);
  /** Replays the server refused, until dismissed. */
  refused = $state.raw<RefusedAction[]>(typeof localStorage === 'undefined' ? [] : readJson<RefusedAction>(REFUSED_KEY));
}

export const outbox = new Outbox();

/** The signed-in user's queued actions that match. */
export function pendingWhere(match: (item: PendingAction) => boolean): PendingAction[] {
  const userId = session.user?.id;
  return outbox.queued.filter((q) => q.userId === userId && match(q));
}

/** The signed-in user's refused actions. */
export function refusedActions(): RefusedAction[] {
  const userId = session.user?.id;
  return outbox.refused.filter((r) => r.userId === userId);
}

export function dismissRefused(key: string): void {
  writeRefused(readJson<RefusedAction>(REFUSED_KEY).filter((r) => r.key !== key));
}

/** On signing out: the refusals were shown to this user; they do not stay on the device. */
export function forgetRefusedOf(userId: string): void {
  writeRefused(readJson<RefusedAction>(REFUSED_KEY).filter((r) => r.userId !== userId));
}

/** The request never reached the server, or its answer never came back: try again later. */
export function unreachable(error: CombinedError | undefined): boolean {
  if (!error || error.graphQLErrors.length > 0) return false;
  return error.networkError instanceof TypeError || isOffline();
}

export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * Keeps an action to send when the phone is back online. `replaces` drops an earlier queued
 * action it supersedes (another answer to the same offer, the same person's attendance).
 * Returns false (nothing kept) when nobody is signed in.
 */
export function queueAction(
  action: Queued & { key: string; label: string },
  replaces?: (item: PendingAction) => boolean,
): boolean {
  const userId = session.user?.id;
  if (!userId) return false;
  const item = { ...action, userId, queuedAt: new Date().toISOString() } as PendingAction;
  write([...read().filter((q) => q.key !== item.key && !(q.userId === userId && replaces?.(q))), item]);
  return true;
}

function drop(item: PendingAction): void {
  write(read().filter((q) => q.key !== item.key));
}

const NOT_SENT: Record<PendingOperation, string> = {
  acceptOffer: 'Your acceptance was not sent',
  declineOffer: 'Your decline was not sent',
  logContact: 'Your contact was not logged',
  completeAgreementItem: 'The agreement item was not marked as done',
  recordAttendance: 'The attendance was not recorded',
};

type Sent = 'kept' | ReplayOutcome;

function outcome(item: PendingAction, ok: boolean, message: string, extra: Partial<ReplayOutcome> = {}): ReplayOutcome {
  const offerId = item.operation === 'acceptOffer' || item.operation === 'declineOffer' ? item.variables.input.offerId : null;
  return { key: item.key, operation: item.operation, ok, message, offerId: String(offerId ?? '') || null, caseId: null, ...extra };
}

function refused(item: PendingAction, error: CombinedError | undefined): Sent {
  // Still offline, or signed out in the meantime: keep it for the next try, with the same key.
  if (unreachable(error) || hasCode(error, 'UNAUTHENTICATED')) return 'kept';
  const message = problemsFrom(error)[0]?.message ?? 'The server refused it.';
  return outcome(item, false, `${NOT_SENT[item.operation]}: ${message}`);
}

async function sendOne(item: PendingAction): Promise<Sent> {
  switch (item.operation) {
    case 'acceptOffer': {
      const result = await client.mutation(AcceptOfferDocument, item.variables).toPromise();
      const taken = result.data?.acceptOffer.case;
      if (taken) return outcome(item, true, 'You accepted the offer. The case is now yours.', { caseId: taken.id });
      return refused(item, result.error);
    }
    case 'declineOffer': {
      const result = await client.mutation(DeclineOfferDocument, item.variables).toPromise();
      if (result.data) return outcome(item, true, 'You declined the offer. The co-ordinator will see your reason.');
      return refused(item, result.error);
    }
    case 'logContact': {
      const result = await client.mutation(LogContactDocument, item.variables).toPromise();
      const c = result.data?.logContact.case;
      if (c) return outcome(item, true, `${item.label} has been logged.`, { caseId: c.id, case: c });
      return refused(item, result.error);
    }
    case 'completeAgreementItem': {
      const result = await client.mutation(CompleteAgreementItemDocument, item.variables).toPromise();
      const done = result.data?.completeAgreementItem.item;
      if (done) return outcome(item, true, `${item.label} is marked as done.`, { item: done });
      return refused(item, result.error);
    }
    case 'recordAttendance': {
      const result = await client.mutation(RecordAttendanceDocument, item.variables).toPromise();
      const s = result.data?.recordAttendance.session;
      if (s) return outcome(item, true, `${item.label} has been recorded.`, { session: s });
      return refused(item, result.error);
    }
  }
}

function textOf(item: PendingAction): string | null {
  return item.operation === 'logContact' ? item.variables.input.summary : null;
}

async function sendAll(): Promise<void> {
  const userId = session.user?.id;
  if (session.status !== 'signed-in' || !userId) return;
  // Read again inside the lock: another tab may have sent some already.
  const sent: ReplayOutcome[] = [];
  for (const item of read().filter((q) => q.userId === userId)) {
    if (isOffline()) break;
    const result = await sendOne(item);
    if (result === 'kept') break;
    drop(item);
    if (!result.ok) {
      writeRefused([
        ...readJson<RefusedAction>(REFUSED_KEY),
        {
          key: item.key,
          userId,
          operation: item.operation,
          label: item.label,
          message: result.message,
          text: textOf(item),
          at: new Date().toISOString(),
        },
      ]);
    }
    sent.push(result);
    outbox.outcomes = [...outbox.outcomes.filter((o) => o.key !== result.key), result];
  }
  const done = sent.filter((o) => o.ok);
  if (done.length === 1) notifyHere('success', done[0].message);
  else if (done.length > 1) notifyHere('success', `${done.length} things you did offline have been sent.`);
}

let running: Promise<void> | null = null;

/** Sends the signed-in user's queued actions, one tab at a time, oldest first. */
export function replayPending(): Promise<void> {
  running ??= (navigator.locks ? navigator.locks.request('rjhub-pending-actions', sendAll) : sendAll()).finally(() => {
    running = null;
  });
  return running;
}

let started = false;

/** From main.ts: replays on coming back online, on sign-in (and so on app start), and every 30 s while any wait. */
export function startReplay(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  // Answers to offers queued by an earlier version move into the one queue.
  const old = readJson<Omit<PendingAction, 'key' | 'label'>>(OLD_KEY);
  if (old.length > 0) {
    const moved = old.map((q) => {
      const key = 'idempotencyKey' in q.variables.input ? String(q.variables.input.idempotencyKey) : crypto.randomUUID();
      return { ...q, key, label: 'Your answer to an offer' } as PendingAction;
    });
    write([...read(), ...moved]);
    writeJson(OLD_KEY, []);
  }
  window.addEventListener('online', () => void replayPending());
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) outbox.queued = read();
    if (event.key === REFUSED_KEY) outbox.refused = readJson<RefusedAction>(REFUSED_KEY);
  });
  $effect.root(() => {
    $effect(() => {
      if (session.status === 'signed-in' && session.user && outbox.queued.length > 0) void replayPending();
    });
  });
  setInterval(() => {
    if (outbox.queued.length > 0 && !isOffline()) void replayPending();
  }, RETRY_MS);
}
