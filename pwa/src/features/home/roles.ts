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
  /** Screens that exist today for this work. */
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
      'You take in enquiries and referrals, assess each one, allocate a facilitator, watch every case and report on the service. You also set up accounts for the people who work with it.',
    links: [
      { href: '/inbox', label: 'Intake inbox' },
      { href: '/cases', label: 'All cases' },
      { href: '/agreements/overdue', label: 'Overdue agreement items' },
      { href: '/follow-ups', label: 'Follow-ups' },
      { href: '/complaints', label: 'Complaints' },
      { href: '/enquiries/new', label: 'Record an enquiry' },
      { href: '/referrals/new', label: 'Make a referral' },
      { href: '/volunteers', label: 'Volunteer bank' },
      { href: '/recruitment', label: 'Volunteer recruitment' },
      { href: '/reports', label: 'Reports' },
      { href: '/training', label: 'Courses and accreditation' },
      { href: '/settings/lists', label: 'Reference lists' },
      { href: '/audit', label: 'Audit log' },
      { href: '/users/invite', label: 'Invite a user' },
    ],
  },
  SUPERVISOR: {
    heading: 'Supervising cases',
    summary:
      'You supervise facilitators, record supervision sessions, and sign off conferences and case closures.',
    links: [
      { href: '/cases', label: 'Cases you supervise' },
      { href: '/sign-offs', label: 'Sign-off queue' },
      { href: '/my-meetings', label: 'My meetings' },
      { href: '/training/facilitators', label: 'Supervision and development plans' },
      { href: '/volunteers', label: 'Volunteer bank' },
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
      { href: '/reports', label: 'Your agency’s reports', when: partnerPractitioner },
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
      'You read reports on the service’s performance. They show figures only, never anyone’s personal details.',
    links: [{ href: '/reports', label: 'Performance reports' }],
  },
};
