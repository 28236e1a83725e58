import type { Component } from 'svelte';
import type { Role } from './lib/roles';
import type { CurrentUser } from './lib/session.svelte';

export type Access =
  /** Anyone, signed in or not. */
  | 'public'
  /** Only when signed out (sign-in): signed-in users go home. */
  | 'guest'
  /** Signed in, and holding one of `roles` if given. */
  | 'signed-in';

export interface RouteDef {
  /** "/cases/:id": a segment starting with ":" matches any one segment (read with routeParam). */
  path: string;
  title: string;
  access: Access;
  roles?: readonly Role[];
  /** A further condition on the user (e.g. partner-agency staff only), checked with `roles`. */
  allow?: (user: CurrentUser) => boolean;
  /** For a 'signed-in' route: what signed-out visitors see there instead of the sign-in page. */
  signedOut?: RouteDef;
  /** Each screen is its own chunk: the first load carries only the shell. */
  load: () => Promise<{ default: Component }>;
}

/** Referrers, partner-agency staff (a facilitator with an agency) and the co-ordinator file referrals. */
export function mayRefer(user: CurrentUser): boolean {
  return (
    user.roles.includes('REFERRER') ||
    user.roles.includes('COORDINATOR') ||
    (user.roles.includes('FACILITATOR') && !!user.agency)
  );
}

/**
 * Reports: the co-ordinator and supervisors in full, the commissioner as suppressed aggregates,
 * partner-agency practitioners for their own agency's cases (the server narrows and checks).
 */
export function mayReadReports(user: CurrentUser): boolean {
  return (
    user.roles.includes('COORDINATOR') ||
    user.roles.includes('SUPERVISOR') ||
    user.roles.includes('COMMISSIONER') ||
    (user.roles.includes('FACILITATOR') && user.facilitatorProfile?.kind === 'PARTNER_PRACTITIONER' && !!user.agency)
  );
}

const PUBLIC_HOME: RouteDef = {
  path: '/',
  title: 'Restorative justice',
  access: 'public',
  load: () => import('./features/intake/PublicHome.svelte'),
};

export const ROUTES: readonly RouteDef[] = [
  {
    path: '/',
    title: 'Home',
    access: 'signed-in',
    signedOut: PUBLIC_HOME,
    load: () => import('./features/home/Home.svelte'),
  },
  {
    path: '/refer-yourself',
    title: 'Refer yourself',
    access: 'public',
    load: () => import('./features/intake/SelfReferral.svelte'),
  },
  {
    path: '/sign-in',
    title: 'Sign in',
    access: 'guest',
    load: () => import('./features/accounts/SignIn.svelte'),
  },
  {
    path: '/accept-invitation',
    title: 'Set up your account',
    access: 'public',
    load: () => import('./features/accounts/AcceptInvitation.svelte'),
  },
  {
    path: '/change-password',
    title: 'Change your password',
    access: 'signed-in',
    load: () => import('./features/accounts/ChangePassword.svelte'),
  },
  {
    path: '/users/invite',
    title: 'Invite a user',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/accounts/InviteUser.svelte'),
  },
  {
    path: '/inbox',
    title: 'Intake inbox',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/intake/Inbox.svelte'),
  },
  {
    path: '/enquiries/new',
    title: 'Record an enquiry',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/intake/NewEnquiry.svelte'),
  },
  {
    path: '/referrals/new',
    title: 'Make a referral',
    access: 'signed-in',
    roles: ['REFERRER', 'COORDINATOR', 'FACILITATOR'],
    allow: mayRefer,
    load: () => import('./features/intake/NewReferral.svelte'),
  },
  {
    path: '/referrals',
    title: 'Your referrals',
    access: 'signed-in',
    roles: ['REFERRER', 'COORDINATOR', 'FACILITATOR'],
    allow: mayRefer,
    load: () => import('./features/intake/Referrals.svelte'),
  },
  {
    path: '/cases',
    title: 'Cases',
    access: 'signed-in',
    roles: ['COORDINATOR', 'SUPERVISOR'],
    load: () => import('./features/cases/CaseList.svelte'),
  },
  {
    // Open to every signed-in user: the server says which cases each may see (NOT_FOUND otherwise).
    path: '/cases/:id',
    title: 'Case',
    access: 'signed-in',
    load: () => import('./features/cases/CasePage.svelte'),
  },
  {
    path: '/my-cases',
    title: 'My cases',
    access: 'signed-in',
    roles: ['FACILITATOR'],
    load: () => import('./features/cases/MyCases.svelte'),
  },
  {
    path: '/offers',
    title: 'Offers',
    access: 'signed-in',
    roles: ['FACILITATOR'],
    load: () => import('./features/offers/Offers.svelte'),
  },
  {
    path: '/profile',
    title: 'Your facilitator profile',
    access: 'signed-in',
    roles: ['FACILITATOR'],
    load: () => import('./features/profile/Profile.svelte'),
  },
  {
    path: '/settings/lists',
    title: 'Reference lists',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/reference/ReferenceLists.svelte'),
  },
  {
    path: '/audit',
    title: 'Audit log',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/privacy/AuditLog.svelte'),
  },
  {
    path: '/complaints',
    title: 'Complaints',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/complaints/Complaints.svelte'),
  },
  {
    // Before '/complaints/:id', which would match "new" too.
    path: '/complaints/new',
    title: 'Record a complaint',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/complaints/NewComplaint.svelte'),
  },
  {
    path: '/complaints/:id',
    title: 'Complaint',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/complaints/ComplaintPage.svelte'),
  },
  {
    path: '/training',
    title: 'Courses',
    access: 'signed-in',
    roles: ['TRAINER', 'COORDINATOR'],
    load: () => import('./features/training/Courses.svelte'),
  },
  {
    path: '/training/sessions/:id',
    title: 'Attendance',
    access: 'signed-in',
    roles: ['TRAINER', 'COORDINATOR'],
    load: () => import('./features/training/SessionPage.svelte'),
  },
  {
    path: '/training/facilitators',
    title: 'Facilitators',
    access: 'signed-in',
    roles: ['TRAINER', 'COORDINATOR', 'SUPERVISOR'],
    load: () => import('./features/training/Facilitators.svelte'),
  },
  {
    path: '/training/facilitators/:id',
    title: 'Training record',
    access: 'signed-in',
    roles: ['TRAINER', 'COORDINATOR', 'SUPERVISOR'],
    load: () => import('./features/training/FacilitatorPage.svelte'),
  },
  {
    path: '/my-training',
    title: 'My training',
    access: 'signed-in',
    roles: ['FACILITATOR', 'TRAINER'],
    load: () => import('./features/training/MyTraining.svelte'),
  },
  {
    path: '/volunteers',
    title: 'Volunteer bank',
    access: 'signed-in',
    roles: ['COORDINATOR', 'SUPERVISOR'],
    load: () => import('./features/training/Volunteers.svelte'),
  },
  {
    path: '/recruitment',
    title: 'Volunteer recruitment',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/training/Recruitment.svelte'),
  },
  {
    path: '/my-meetings',
    title: 'My meetings',
    access: 'signed-in',
    roles: ['FACILITATOR', 'SUPERVISOR'],
    load: () => import('./features/meetings/MyMeetings.svelte'),
  },
  {
    path: '/sign-offs',
    title: 'Sign-off queue',
    access: 'signed-in',
    roles: ['SUPERVISOR'],
    load: () => import('./features/meetings/SignOffQueue.svelte'),
  },
  {
    path: '/agreements/overdue',
    title: 'Overdue agreement items',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/meetings/OverdueItems.svelte'),
  },
  {
    // The address the six-month follow-up reminder (push) opens.
    path: '/follow-ups',
    title: 'Follow-ups',
    access: 'signed-in',
    roles: ['FACILITATOR', 'COORDINATOR'],
    load: () => import('./features/meetings/FollowUps.svelte'),
  },
  {
    // The dashboard and its chart library are lazy chunks: the first load does not carry them.
    path: '/reports',
    title: 'Reports',
    access: 'signed-in',
    roles: ['COORDINATOR', 'SUPERVISOR', 'COMMISSIONER', 'FACILITATOR'],
    allow: mayReadReports,
    load: () => import('./features/reports/Reports.svelte'),
  },
];

export const NOT_FOUND: RouteDef = {
  path: '*',
  title: 'Page not found',
  access: 'public',
  load: () => import('./features/errors/NotFound.svelte'),
};

export const FORBIDDEN: RouteDef = {
  path: '*',
  title: 'You cannot use this page',
  access: 'public',
  load: () => import('./features/errors/Forbidden.svelte'),
};

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((seg, i) => (seg.startsWith(':') ? got[i] !== '' : seg === got[i]));
}

export function matchRoute(path: string): RouteDef {
  return ROUTES.find((r) => matches(r.path, path)) ?? NOT_FOUND;
}

/** A ":name" segment of the current path: routeParam('/cases/:id', '/cases/abc', 'id') → 'abc'. */
export function routeParam(pattern: string, path: string, name: string): string {
  const index = pattern.split('/').indexOf(`:${name}`);
  const raw = index >= 0 ? (path.split('/')[index] ?? '') : '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Whether this user may open this route (the server checks again on every operation). */
export function mayOpen(def: RouteDef, user: CurrentUser | null): boolean {
  if (!def.roles && !def.allow) return true;
  if (!user) return false;
  if (def.roles && !def.roles.some((r) => user.roles.includes(r))) return false;
  return !def.allow || def.allow(user);
}

export interface MenuItem {
  href: string;
  label: string;
  /** Show only to these roles, even if others may open the page. */
  roles?: readonly Role[];
}

/** The menu, in order. Only items whose route the user may open are shown. */
export const MENU: readonly MenuItem[] = [
  { href: '/', label: 'Home' },
  { href: '/inbox', label: 'Intake inbox' },
  { href: '/cases', label: 'Cases' },
  { href: '/my-cases', label: 'My cases' },
  { href: '/my-meetings', label: 'My meetings' },
  { href: '/sign-offs', label: 'Sign-off queue' },
  { href: '/follow-ups', label: 'Follow-ups' },
  { href: '/agreements/overdue', label: 'Overdue agreement items' },
  { href: '/complaints', label: 'Complaints' },
  { href: '/offers', label: 'Offers' },
  { href: '/profile', label: 'Your profile' },
  { href: '/referrals', label: 'Your referrals', roles: ['REFERRER', 'FACILITATOR'] },
  { href: '/referrals/new', label: 'Make a referral', roles: ['REFERRER', 'FACILITATOR'] },
  { href: '/training', label: 'Courses' },
  { href: '/training/facilitators', label: 'Facilitators’ training' },
  { href: '/my-training', label: 'My training' },
  { href: '/volunteers', label: 'Volunteer bank' },
  { href: '/recruitment', label: 'Volunteer recruitment' },
  { href: '/reports', label: 'Reports' },
  { href: '/settings/lists', label: 'Reference lists' },
  { href: '/audit', label: 'Audit log' },
  { href: '/users/invite', label: 'Invite a user' },
  { href: '/change-password', label: 'Change password' },
];

export function menuFor(user: CurrentUser | null): MenuItem[] {
  if (!user) return [];
  return MENU.filter(
    (item) => mayOpen(matchRoute(item.href), user) && (!item.roles || item.roles.some((r) => user.roles.includes(r))),
  );
}
