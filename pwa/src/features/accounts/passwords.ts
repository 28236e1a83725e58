import type { Problem } from '../../lib/errors';

// The server's rule (accounts/model.rs): 10 to 128 characters, not only spaces.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const PASSWORD_HINT = `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A few unrelated words together make a strong password that is easy to remember.`;

/** Checks a new password and its confirmation before a round trip; the server checks again. */
export function checkNewPassword(field: string, password: string, confirmField: string, confirm: string): Problem[] {
  const found: Problem[] = [];
  const length = [...password].length;
  if (!password) found.push({ field, message: 'Enter a password', code: null });
  else if (length < PASSWORD_MIN)
    found.push({ field, message: `Password must be at least ${PASSWORD_MIN} characters`, code: null });
  else if (length > PASSWORD_MAX)
    found.push({ field, message: `Password must be ${PASSWORD_MAX} characters or fewer`, code: null });
  else if (!password.trim()) found.push({ field, message: 'Password must not be only spaces', code: null });
  if (password && !confirm) found.push({ field: confirmField, message: 'Enter the password again', code: null });
  else if (password && confirm !== password)
    found.push({ field: confirmField, message: 'The passwords do not match', code: null });
  return found;
}
