import type { CaseDetailFragment, Stage } from '../../gql/graphql';
import type { CurrentUser } from '../../lib/session.svelte';

export type CaseData = CaseDetailFragment;
export type ParticipantData = CaseData['participants'][number];

/** What the reader may do on this case. The server decides again on every change. */
export interface Abilities {
  /** The co-ordinator: every action. */
  coordinate: boolean;
  /** Record work (risk, consent, contacts, support, model, stage moves, stopping): the
   *  co-ordinator or an allocated facilitator with full access. */
  work: boolean;
  /** Everything on the case is visible (not the offender side only). */
  full: boolean;
}

export function abilitiesFor(c: CaseData, user: CurrentUser | null): Abilities {
  const full = c.access === 'FULL';
  const coordinate = !!user?.roles.includes('COORDINATOR');
  const allocated = !!user && user.roles.includes('FACILITATOR') && c.facilitators.some((f) => f.userId === user.id);
  return { coordinate, full, work: full && (coordinate || allocated) };
}

/** The forward move a button offers from each stage (NOT_SUITABLE and ALLOCATED come from the
 *  assessment and the allocation instead; withdrawal is "Stop the case"). */
export const NEXT_STAGE: Partial<Record<Stage, Stage>> = {
  REFERRAL: 'ASSESSMENT',
  ALLOCATED: 'PREPARATION',
  PREPARATION: 'INTERVENTION',
  INTERVENTION: 'OUTCOME',
  OUTCOME: 'FOLLOW_UP',
  FOLLOW_UP: 'CLOSED',
};

/** Moves only the co-ordinator makes. */
export const COORDINATOR_MOVES: readonly Stage[] = ['REFERRAL', 'ASSESSMENT', 'CLOSED'];

export function participantName(c: CaseData, participantId: string | null | undefined): string | null {
  if (!participantId) return null;
  return c.participants.find((p) => p.id === participantId)?.person.fullName ?? null;
}

/** Handed to each section: the case after a change, and what to tell the user. */
export type OnChange = (updated: CaseData, message: string) => void;
