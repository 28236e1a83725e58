import type { FacilitatorKind, Role } from '../gql/graphql';

export type { FacilitatorKind, Role };

/** Every role, in the order the app lists them. */
export const ROLES: readonly Role[] = [
  'COORDINATOR',
  'SUPERVISOR',
  'FACILITATOR',
  'TRAINER',
  'REFERRER',
  'COMMISSIONER',
  'DATA_PROTECTION_OFFICER',
];

export const ROLE_NAMES: Record<Role, string> = {
  COORDINATOR: 'Co-ordinator',
  SUPERVISOR: 'Case supervisor',
  FACILITATOR: 'Facilitator',
  TRAINER: 'Trainer',
  REFERRER: 'Referrer',
  COMMISSIONER: 'Commissioner',
  DATA_PROTECTION_OFFICER: 'Data protection officer',
};

/** One line on what each role does here: used as checkbox hints when inviting someone. */
export const ROLE_HINTS: Record<Role, string> = {
  COORDINATOR: 'Runs the service: assesses referrals, allocates facilitators, manages users',
  SUPERVISOR: 'Supervises facilitators and signs off conferences and case closures',
  FACILITATOR: 'Prepares participants and runs conferences for the cases they accept',
  TRAINER: 'Runs courses and records attendance and accreditation',
  REFERRER: 'Refers people to the service and follows the status of their referrals',
  COMMISSIONER: 'Reads reports of figures only, never personal details',
  DATA_PROTECTION_OFFICER: 'Checks who has seen each person’s record and why, and answers subject access requests; sees no case',
};

export const FACILITATOR_KINDS: readonly FacilitatorKind[] = [
  'VOLUNTEER',
  'SPECIAL_CONSTABLE',
  'PARTNER_PRACTITIONER',
];

export const FACILITATOR_KIND_NAMES: Record<FacilitatorKind, string> = {
  VOLUNTEER: 'Volunteer',
  SPECIAL_CONSTABLE: 'Special Constable',
  PARTNER_PRACTITIONER: 'Partner-agency practitioner',
};

export const FACILITATOR_KIND_HINTS: Record<FacilitatorKind, string> = {
  VOLUNTEER: 'A trained member of the community',
  SPECIAL_CONSTABLE: 'A volunteer police officer',
  PARTNER_PRACTITIONER: 'Works for a partner agency, such as youth offending services or probation',
};

/** "Co-ordinator, Facilitator (volunteer)": how a user's roles read in a sentence. */
export function describeRoles(roles: readonly Role[], kind?: FacilitatorKind | null): string {
  return ROLES.filter((r) => roles.includes(r))
    .map((r) =>
      r === 'FACILITATOR' && kind ? `${ROLE_NAMES[r]} (${FACILITATOR_KIND_NAMES[kind].toLowerCase()})` : ROLE_NAMES[r],
    )
    .join(', ');
}
