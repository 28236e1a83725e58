import type { Component } from 'svelte';
import type { Role } from './lib/roles';
import type { CurrentUser } from './lib/session.svelte';

export type Access =
  /** Anyone, signed in or not. */
  | 'public'
  /** Only when signed out (sign-in): signed-in users go home. */
  | 'guest'
  /** Signed in, and holding one of `roles` if given. */
  | 'signed-in'
  /**
   * Only while the session waits for a second factor after the password (the code from the
   * authenticator app, a passkey, a recovery code): anyone else goes where they belong.
   */
  | 'second-factor'
  /** Only while the session waits for a second factor to be set up (the role needs one). */
  | 'enrol';

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
  /**
   * For a signed-in user who may not open this route: where to send them instead, if anywhere
   * (e.g. the commissioner's old bookmark of the live report goes to the published editions).
   */
  otherwise?: (user: CurrentUser) => string | null;
  /** The page uses the whole width of a large screen (tables, the workbench, the case record). */
  wide?: boolean;
  /**
   * A public page in the county's languages (lib/i18n.svelte.ts): the public home page and the
   * self-referral. Every other page is English.
   */
  translated?: boolean;
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

/** The live report (any period, every figure) is for managing the service. */
export const LIVE_REPORT_ROLES: readonly Role[] = ['COORDINATOR', 'SUPERVISOR'];

/**
 * Published editions of the report: the co-ordinator and supervisors, and outside the service's
 * management the commissioner and partner-agency practitioners, who read editions only (the
 * server checks).
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
  translated: true,
  load: () => import('./features/intake/PublicHome.svelte'),
};

export const ROUTES: readonly RouteDef[] = [
  {
    path: '/',
    title: 'Home',
    access: 'signed-in',
    signedOut: PUBLIC_HOME,
    wide: true,
    load: () => import('./features/home/Home.svelte'),
  },
  {
    // The self-referral's first page; the others are its sub-paths (one thing per page, then
    // check your answers, send and the confirmation: features/intake/selfReferral.svelte.ts).
    path: '/refer-yourself',
    title: 'Refer yourself',
    access: 'public',
    translated: true,
    load: () => import('./features/intake/SelfReferral.svelte'),
  },
  {
    path: '/refer-yourself/:page',
    title: 'Refer yourself',
    access: 'public',
    translated: true,
    load: () => import('./features/intake/SelfReferral.svelte'),
  },
  {
    path: '/sign-in',
    title: 'Sign in',
    access: 'guest',
    load: () => import('./features/accounts/SignIn.svelte'),
  },
  {
    // After the right password, when the user has a second factor: one way of giving it per page.
    path: '/sign-in/code',
    title: 'Enter the code from your authenticator app',
    access: 'second-factor',
    load: () => import('./features/accounts/SignInCode.svelte'),
  },
  {
    path: '/sign-in/passkey',
    title: 'Sign in with your passkey',
    access: 'second-factor',
    load: () => import('./features/accounts/SignInPasskey.svelte'),
  },
  {
    path: '/sign-in/recovery-code',
    title: 'Enter a recovery code',
    access: 'second-factor',
    load: () => import('./features/accounts/SignInRecoveryCode.svelte'),
  },
  {
    // After the right password, when the role needs a second factor and the user has none.
    path: '/sign-in/set-up',
    title: 'Set up a second way to sign in',
    access: 'enrol',
    load: () => import('./features/accounts/SetUpChoice.svelte'),
  },
  {
    path: '/sign-in/set-up/authenticator-app',
    title: 'Set up an authenticator app',
    access: 'enrol',
    load: () => import('./features/accounts/AddAuthenticatorApp.svelte'),
  },
  {
    path: '/sign-in/set-up/passkey',
    title: 'Set up a passkey',
    access: 'enrol',
    load: () => import('./features/accounts/AddPasskey.svelte'),
  },
  {
    // Shown once, after the first second factor (or new codes): from memory only.
    path: '/recovery-codes',
    title: 'Save your recovery codes',
    access: 'signed-in',
    load: () => import('./features/accounts/RecoveryCodes.svelte'),
  },
  {
    path: '/security',
    title: 'Security',
    access: 'signed-in',
    load: () => import('./features/accounts/Security.svelte'),
  },
  {
    path: '/security/authenticator-app',
    title: 'Add an authenticator app',
    access: 'signed-in',
    load: () => import('./features/accounts/AddAuthenticatorApp.svelte'),
  },
  {
    path: '/security/passkey',
    title: 'Add a passkey',
    access: 'signed-in',
    load: () => import('./features/accounts/AddPasskey.svelte'),
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
    path: '/users',
    title: 'Users',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/accounts/Users.svelte'),
  },
  {
    path: '/users/:id/suspend',
    title: 'Suspend an account',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/accounts/SuspendUser.svelte'),
  },
  {
    path: '/users/:id/reinstate',
    title: 'Reinstate an account',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/accounts/ReinstateUser.svelte'),
  },
  {
    path: '/users/:id/reset-second-factors',
    title: 'Reset second factors',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/accounts/ResetSecondFactors.svelte'),
  },
  {
    path: '/inbox',
    title: 'Intake inbox',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    wide: true,
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
    wide: true,
    load: () => import('./features/cases/CaseList.svelte'),
  },
  {
    // Open to every signed-in user: the server says which cases each may see (NOT_FOUND otherwise).
    path: '/cases/:id',
    title: 'Case',
    access: 'signed-in',
    wide: true,
    load: () => import('./features/cases/CasePage.svelte'),
  },
  {
    // A participant's contact details and safe-contact profile: the server says who may change them.
    path: '/cases/:id/people/:participantId/contact',
    title: 'Change contact details and safe times',
    access: 'signed-in',
    load: () => import('./features/cases/ContactProfilePage.svelte'),
  },
  {
    // Letters to a participant who agreed to post: into the co-ordinator's print queue (the server
    // says who may send one: the co-ordinator and the case's facilitators).
    path: '/cases/:id/send-letter',
    title: 'Send a letter',
    access: 'signed-in',
    roles: ['COORDINATOR', 'FACILITATOR'],
    load: () => import('./features/letters/SendLetter.svelte'),
  },
  {
    // The print queue: letters to people reached only by post (the PDFs are the server's, /letters/{id}.pdf).
    path: '/letters',
    title: 'Letters to post',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    wide: true,
    load: () => import('./features/letters/Letters.svelte'),
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
    roles: ['COORDINATOR', 'DATA_PROTECTION_OFFICER'],
    load: () => import('./features/privacy/AuditLog.svelte'),
  },
  {
    // Who has seen a person's record: search people by name.
    path: '/data-protection',
    title: 'Data protection',
    access: 'signed-in',
    roles: ['DATA_PROTECTION_OFFICER', 'COORDINATOR'],
    load: () => import('./features/privacy/DataProtection.svelte'),
  },
  {
    // One person's access log (`?name=` carries the name from the link: there is no person(id)).
    path: '/data-protection/people/:id',
    title: 'Who has seen this record',
    access: 'signed-in',
    roles: ['DATA_PROTECTION_OFFICER', 'COORDINATOR'],
    load: () => import('./features/privacy/PersonAccessLog.svelte'),
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
    // The live dashboard and its chart library are lazy chunks: the first load does not carry them.
    path: '/reports',
    title: 'Reports',
    access: 'signed-in',
    roles: LIVE_REPORT_ROLES,
    // Everyone else who reads reports reads the published editions.
    otherwise: (user) => (mayReadReports(user) ? '/editions' : null),
    load: () => import('./features/reports/Reports.svelte'),
  },
  {
    // Not under /reports/: the server answers those paths itself (the editions' CSV and print pages).
    path: '/editions',
    title: 'Published reports',
    access: 'signed-in',
    roles: ['COORDINATOR', 'SUPERVISOR', 'COMMISSIONER', 'FACILITATOR'],
    allow: mayReadReports,
    load: () => import('./features/reports/Editions.svelte'),
  },
  {
    // Before '/editions/:id', which would match "publish" too.
    path: '/editions/publish',
    title: 'Publish an edition',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/reports/PublishEdition.svelte'),
  },
  {
    path: '/editions/:id',
    title: 'Published report',
    access: 'signed-in',
    roles: ['COORDINATOR', 'SUPERVISOR', 'COMMISSIONER', 'FACILITATOR'],
    allow: mayReadReports,
    load: () => import('./features/reports/EditionPage.svelte'),
  },
  {
    // A correction: the same period as the edition it replaces, with the reason.
    path: '/editions/:id/correct',
    title: 'Publish a correction',
    access: 'signed-in',
    roles: ['COORDINATOR'],
    load: () => import('./features/reports/PublishEdition.svelte'),
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

/** A group of the menu, by task: one top-level entry, its pages under it. */
export interface MenuGroup {
  /** Used in ids ("menu-cases"). */
  key: string;
  label: string;
  items: readonly MenuItem[];
}

/**
 * The menu, by task, in order. Only items whose route the user may open are shown; a group left
 * with one item is shown as that item's own link, and an empty group not at all. Home comes
 * first and the account (security, change password, sign out) last: the header adds them.
 */
export const MENU_GROUPS: readonly MenuGroup[] = [
  {
    key: 'cases',
    label: 'Cases',
    items: [
      { href: '/inbox', label: 'Intake inbox' },
      { href: '/cases', label: 'Cases' },
      { href: '/my-cases', label: 'My cases' },
      { href: '/offers', label: 'Offers' },
      { href: '/my-meetings', label: 'My meetings' },
      { href: '/sign-offs', label: 'Sign-off queue' },
      { href: '/follow-ups', label: 'Follow-ups' },
      { href: '/agreements/overdue', label: 'Overdue agreement items' },
      { href: '/complaints', label: 'Complaints' },
      { href: '/letters', label: 'Letters to post' },
      { href: '/referrals', label: 'Your referrals', roles: ['REFERRER', 'FACILITATOR'] },
      { href: '/referrals/new', label: 'Make a referral', roles: ['REFERRER', 'FACILITATOR'] },
    ],
  },
  {
    key: 'people',
    label: 'People and training',
    items: [
      { href: '/profile', label: 'Your profile' },
      { href: '/my-training', label: 'My training' },
      { href: '/training', label: 'Courses' },
      { href: '/training/facilitators', label: 'Facilitators’ training' },
      { href: '/volunteers', label: 'Volunteer bank' },
      { href: '/recruitment', label: 'Volunteer recruitment' },
    ],
  },
  {
    key: 'reports',
    label: 'Reports',
    items: [
      { href: '/reports', label: 'Reports' },
      { href: '/editions', label: 'Published reports' },
    ],
  },
  {
    key: 'admin',
    label: 'Admin',
    items: [
      { href: '/settings/lists', label: 'Reference lists' },
      { href: '/data-protection', label: 'Data protection' },
      { href: '/audit', label: 'Audit log' },
      { href: '/users', label: 'Users' },
      { href: '/users/invite', label: 'Invite a user' },
    ],
  },
];

/** What the header shows: a link of its own, or a group of links. */
export type MenuEntry = { kind: 'link'; item: MenuItem } | { kind: 'group'; group: MenuGroup };

function mayUse(item: MenuItem, user: CurrentUser): boolean {
  return mayOpen(matchRoute(item.href), user) && (!item.roles || item.roles.some((r) => user.roles.includes(r)));
}

/** The menu for this user (the account's entries, which everyone has, are the header's). */
export function menuFor(user: CurrentUser | null): MenuEntry[] {
  if (!user) return [];
  const entries: MenuEntry[] = [{ kind: 'link', item: { href: '/', label: 'Home' } }];
  for (const group of MENU_GROUPS) {
    const items = group.items.filter((item) => mayUse(item, user));
    if (items.length === 1) entries.push({ kind: 'link', item: items[0] });
    else if (items.length > 1) entries.push({ kind: 'group', group: { ...group, items } });
  }
  return entries;
}
