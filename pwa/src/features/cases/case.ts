import type { CaseDetailFragment } from '../../gql/graphql';

export type CaseData = CaseDetailFragment;
export type ParticipantData = CaseData['participants'][number];

/** What the reader may do on this case now (`Case.viewerCan`), as the server decides it with the
 *  rules its mutations apply. The page offers exactly these actions and works out none itself;
 *  the server decides again on every change. */
export type ViewerCan = CaseData['viewerCan'];
/** A stage move offered to this reader, with what still stands in its way. */
export type StageMove = ViewerCan['moves'][number];

export function participantName(c: CaseData, participantId: string | null | undefined): string | null {
  if (!participantId) return null;
  return c.participants.find((p) => p.id === participantId)?.person.fullName ?? null;
}

/** Handed to each section: the case after a change, and what to tell the user. */
export type OnChange = (updated: CaseData, message: string) => void;
