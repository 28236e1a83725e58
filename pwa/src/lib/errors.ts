import type { CombinedError } from '@urql/core';

/** The `extensions.code` values the server uses (see DESIGN.md, GraphQL conventions). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'BAD_REQUEST'
  | 'INTERNAL'
  /** A case supervisor opening a case outside their own supervision: say why, then ask again. */
  | 'JUSTIFICATION_REQUIRED'
  /**
   * The session has given only the password: it may ask for nothing but the second factor's
   * operations until the factor is given (or, when the role needs one, set up).
   */
  | 'SECOND_FACTOR_REQUIRED';

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'BAD_REQUEST',
  'INTERNAL',
  'JUSTIFICATION_REQUIRED',
  'SECOND_FACTOR_REQUIRED',
]);

/** One thing that went wrong, ready to show: in the error summary and, with a field, by it. */
export interface Problem {
  /** The input field it is about (the server's `extensions.field`, e.g. "password"), if any. */
  field: string | null;
  message: string;
  code: ErrorCode | null;
}

export const OFFLINE_MESSAGE = 'You are offline. Check your connection and try again.';
export const UNREACHABLE_MESSAGE = 'RJ Hub cannot be reached just now. Try again in a moment.';

function codeOf(value: unknown): ErrorCode | null {
  return typeof value === 'string' && CODES.has(value) ? (value as ErrorCode) : null;
}

/**
 * Turns a urql error into problems to show. The server writes its messages for people, so they
 * are shown as they come; only transport failures get a message of our own.
 */
export function problemsFrom(error: CombinedError | undefined | null): Problem[] {
  if (!error) return [];
  if (error.graphQLErrors.length > 0) {
    return error.graphQLErrors.map((e) => {
      const ext = (e.extensions ?? {}) as Record<string, unknown>;
      const field = typeof ext.field === 'string' && ext.field ? ext.field : null;
      const message = e.message?.trim() || 'Something went wrong. Try again.';
      return { field, message, code: codeOf(ext.code) };
    });
  }
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return [{ field: null, message: offline ? OFFLINE_MESSAGE : UNREACHABLE_MESSAGE, code: null }];
}

export function hasCode(error: CombinedError | undefined | null, code: ErrorCode): boolean {
  return !!error?.graphQLErrors.some((e) => codeOf(e.extensions?.code) === code);
}

/** The message for one field, for the inline error beside it. */
export function fieldMessage(problems: readonly Problem[], field: string): string | undefined {
  return problems.find((p) => p.field === field)?.message;
}

/** A problem found in the browser before any request: the same shape as the server's. */
export function problem(field: string | null, message: string): Problem {
  return { field, message, code: null };
}
