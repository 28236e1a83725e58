import type { CombinedError } from '@urql/core';
import { client } from '../../lib/client';
import { hasCode, problemsFrom } from '../../lib/errors';
import { notifyHere, session } from '../../lib/session.svelte';
import {
  AcceptOfferDocument,
  DeclineOfferDocument,
  type AcceptOfferMutationVariables,
  type DeclineOfferMutationVariables,
} from '../../gql/graphql';

/**
 * Answers to offers given while the phone was offline: kept in localStorage until the server has
 * answered them, then sent again with the same idempotency key, so a reply that was lost on the
 * way back (or a replay from two tabs) never counts twice. Only the facilitator's own answer is
 * kept (the offer's id, the key and, for a decline, the reason), never anything about the case.
 */
export type PendingAnswer = { userId: string; queuedAt: string } & (
  | { operation: 'acceptOffer'; variables: AcceptOfferMutationVariables }
  | { operation: 'declineOffer'; variables: DeclineOfferMutationVariables }
);

/** What the server said to a replayed answer. */
export interface ReplayOutcome {
  offerId: string;
  ok: boolean;
  /** An accepted offer's case, to open it. */
  caseId: string | null;
  message: string;
}

const STORAGE_KEY = 'rjhub.pendingOfferAnswers';
const RETRY_MS = 30_000;

function read(): PendingAnswer[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as PendingAnswer[]) : [];
  } catch {
    return [];
  }
}

function write(items: PendingAnswer[]): void {
  try {
    if (items.length > 0) localStorage.setItem(STORAGE_KEY, JSON.stringify(items));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or switched off: the answer stays queued for this page's life only.
  }
  answers.queued = items;
}

class Answers {
  /** Every queued answer on this device (any user's: screens filter by the signed-in user). */
  queued = $state.raw<PendingAnswer[]>(typeof localStorage === 'undefined' ? [] : read());
  /** Replayed answers the server has answered since the page loaded. */
  outcomes = $state.raw<ReplayOutcome[]>([]);
}

export const answers = new Answers();

export function offerIdOf(item: PendingAnswer): string {
  return String(item.variables.input.offerId);
}

/** The signed-in user's queued answer to this offer, if any. */
export function pendingFor(offerId: string): PendingAnswer | undefined {
  const userId = session.user?.id;
  return answers.queued.find((q) => q.userId === userId && offerIdOf(q) === offerId);
}

/** The request never reached the server, or its answer never came back: try again later. */
export function unreachable(error: CombinedError | undefined): boolean {
  if (!error || error.graphQLErrors.length > 0) return false;
  return error.networkError instanceof TypeError || (typeof navigator !== 'undefined' && navigator.onLine === false);
}

/** Keeps an answer to send when the phone is back online (replacing any earlier one to that offer). */
export function queueAnswer(item: PendingAnswer): void {
  write([...read().filter((q) => !(q.userId === item.userId && offerIdOf(q) === offerIdOf(item))), item]);
}

function drop(item: PendingAnswer): void {
  const key = item.variables.input.idempotencyKey;
  write(read().filter((q) => q.variables.input.idempotencyKey !== key));
}

async function sendOne(item: PendingAnswer): Promise<'kept' | ReplayOutcome> {
  const offerId = offerIdOf(item);
  if (item.operation === 'acceptOffer') {
    const result = await client.mutation(AcceptOfferDocument, item.variables).toPromise();
    const taken = result.data?.acceptOffer.case;
    if (taken) return { offerId, ok: true, caseId: taken.id, message: 'You accepted the offer. The case is now yours.' };
    return refused(offerId, result.error);
  }
  const result = await client.mutation(DeclineOfferDocument, item.variables).toPromise();
  if (result.data) {
    return { offerId, ok: true, caseId: null, message: 'You declined the offer. The co-ordinator will see your reason.' };
  }
  return refused(offerId, result.error);
}

function refused(offerId: string, error: CombinedError | undefined): 'kept' | ReplayOutcome {
  // Still offline, or signed out in the meantime: keep it for the next try, with the same key.
  if (unreachable(error) || hasCode(error, 'UNAUTHENTICATED')) return 'kept';
  const message = problemsFrom(error)[0]?.message ?? 'This offer is no longer open.';
  return { offerId, ok: false, caseId: null, message: `Your answer was not sent: ${message}` };
}

async function sendAll(): Promise<void> {
  const userId = session.user?.id;
  if (session.status !== 'signed-in' || !userId) return;
  // Read again inside the lock: another tab may have sent some already.
  for (const item of read().filter((q) => q.userId === userId)) {
    if (navigator.onLine === false) break;
    const outcome = await sendOne(item);
    if (outcome === 'kept') break;
    drop(item);
    answers.outcomes = [...answers.outcomes.filter((o) => o.offerId !== outcome.offerId), outcome];
    notifyHere(outcome.ok ? 'success' : 'important', outcome.message);
  }
}

let running: Promise<void> | null = null;

/** Sends the signed-in user's queued answers, one tab at a time, oldest first. */
export function replayAnswers(): Promise<void> {
  running ??= (
    navigator.locks ? navigator.locks.request('rjhub-pending-offer-answers', sendAll) : sendAll()
  ).finally(() => {
    running = null;
  });
  return running;
}

let started = false;

/** From main.ts: replays on coming back online, on sign-in (and so on app start), and every 30 s while any wait. */
export function startAnswerReplay(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void replayAnswers());
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) answers.queued = read();
  });
  $effect.root(() => {
    $effect(() => {
      if (session.status === 'signed-in' && session.user && answers.queued.length > 0) void replayAnswers();
    });
  });
  setInterval(() => {
    if (answers.queued.length > 0 && navigator.onLine !== false) void replayAnswers();
  }, RETRY_MS);
}
