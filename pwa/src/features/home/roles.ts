import type { Role } from '../../lib/roles';
import type { CurrentUser } from '../../lib/session.svelte';

export interface WorkLink {
  href: string;
  label: string;
  /** Only for some holders of the role (e.g. partner-agency staff, who have an agency). */
  when?: (user: CurrentUser) => boolean;
}

export interface RoleWork {
  heading: string;
  /** What this role does in RJ Hub, in plain words. */
  summary: string;
  /** The home page shows the workbench's queues for this role (the server counts them). */
  workbench?: boolean;
  /** The tasks the home page links to (the menu has every screen). */
  links: readonly WorkLink[];
}

const hasAgency = (user: CurrentUser) => !!user.agency;
const partnerPractitioner = (user: CurrentUser) =>
  user.facilitatorProfile?.kind === 'PARTNER_PRACTITIONER' && !!user.agency;

// One section per role on the home page. Links are added here as screens are built.
export const ROLE_WORK: Record<Role, RoleWork> = {
  COORDINATOR: {
    heading: 'Co-ordinating the service',
    summary:
      'You take in enquiries and referrals, assess each one, allocate a facilitator, watch every case and report on the service.',
    workbench: true,
    links: [
      { href: '/inbox', label: 'Intake inbox' },
      { href: '/cases', label: 'All cases' },
      { href: '/enquiries/new', label: 'Record an enquiry' },
      { href: '/referrals/new', label: 'Make a referral' },
      { href: '/complaints', label: 'Complaints' },
      { href: '/letters', label: 'Letters to post' },
      { href: '/follow-ups', label: 'Follow-ups' },
      { href: '/reports', label: 'Reports' },
    ],
  },
  SUPERVISOR: {
    heading: 'Supervising cases',
    summary:
      'You supervise facilitators, record supervision sessions, and sign off conferences and case closures.',
    workbench: true,
    links: [
      { href: '/cases', label: 'Cases you supervise' },
      { href: '/sign-offs', label: 'Sign-off queue' },
      { href: '/my-meetings', label: 'My meetings' },
      { href: '/training/facilitators', label: 'Supervision and development plans' },
      { href: '/reports', label: 'Reports' },
    ],
  },
  FACILITATOR: {
    heading: 'Facilitating',
    summary:
      'You see the cases offered to you and accept or decline them, prepare the participants, schedule and run conferences, and record contacts and outcome agreements.',
    links: [
      { href: '/offers', label: 'Offers' },
      { href: '/profile', label: 'Your profile' },
      { href: '/my-cases', label: 'My cases' },
      { href: '/my-meetings', label: 'My meetings' },
      { href: '/follow-ups', label: 'Follow-ups' },
      { href: '/my-training', label: 'My training' },
      { href: '/referrals/new', label: 'Make a referral for your agency', when: hasAgency },
      { href: '/referrals', label: 'Your agency’s referrals', when: hasAgency },
      { href: '/editions', label: 'Published reports', when: partnerPractitioner },
    ],
  },
  TRAINER: {
    heading: 'Training facilitators',
    summary: 'You run courses, record who attended, and record accreditation.',
    links: [
      { href: '/training', label: 'Courses and sessions' },
      { href: '/training/facilitators', label: 'Record an accreditation' },
      { href: '/my-training', label: 'My training' },
    ],
  },
  REFERRER: {
    heading: 'Making referrals',
    summary: 'You refer people to the service and follow the status of your referrals.',
    links: [
      { href: '/referrals/new', label: 'Make a referral' },
      { href: '/referrals', label: 'Your referrals' },
    ],
  },
  COMMISSIONER: {
    heading: 'Reports',
    summary:
      'You read the service’s published performance reports, monthly and half-yearly. They show figures only, never anyone’s personal details.',
    links: [{ href: '/editions', label: 'Performance reports' }],
  },
  DATA_PROTECTION_OFFICER: {
    heading: 'Data protection',
    summary:
      'You check who has seen a person’s record, when and why, and answer their subject access requests. You do not see the cases themselves.',
    links: [
      { href: '/data-protection', label: 'Who has seen a person’s record' },
      { href: '/audit', label: 'Audit log' },
    ],
  },
};
