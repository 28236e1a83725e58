import { outbox, pendingWhere, queueAction, type PendingAction } from '../../lib/outbox.svelte';
import type { AcceptOfferMutationVariables, DeclineOfferMutationVariables } from '../../gql/graphql';

/**
 * Answers to offers given while the phone was offline, in the one queue of actions
 * (`lib/outbox.svelte.ts`): only the facilitator's own answer is kept (the offer's id, the key
 * and, for a decline, the reason), never anything about the case.
 */
export type OfferAnswer =
  | { operation: 'acceptOffer'; variables: AcceptOfferMutationVariables }
  | { operation: 'declineOffer'; variables: DeclineOfferMutationVariables };

function offerIdOf(item: PendingAction): string | null {
  return item.operation === 'acceptOffer' || item.operation === 'declineOffer' ? String(item.variables.input.offerId) : null;
}

/** The signed-in user's queued answer to this offer, if any. */
export function pendingFor(offerId: string): PendingAction | undefined {
  return pendingWhere((q) => offerIdOf(q) === offerId)[0];
}

/** Keeps an answer to send when the phone is back online (replacing any earlier one to that offer). */
export function queueAnswer(answer: OfferAnswer): boolean {
  const offerId = String(answer.variables.input.offerId);
  return queueAction(
    { ...answer, key: answer.variables.input.idempotencyKey, label: 'Your answer to an offer' } as PendingAction,
    (q) => offerIdOf(q) === offerId,
  );
}

/** Replayed answers to offers the server has answered since the page loaded. */
export function offerOutcomes() {
  return outbox.outcomes.filter((o) => o.offerId !== null);
}
