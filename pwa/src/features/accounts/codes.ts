// The checks a code gets in the browser before it is sent (the server checks again).

export type Checked = { ok: true; code: string } | { ok: false; message: string };

/** A 6-digit code from an authenticator app, typed with spaces or a hyphen if the app shows them. */
export function checkSixDigits(typed: string, empty: string): Checked {
  const code = typed.replace(/[\s-]/g, '');
  if (!code) return { ok: false, message: empty };
  if (!/^[0-9]+$/.test(code)) return { ok: false, message: 'The code must be numbers only, like 123456' };
  if (code.length !== 6) return { ok: false, message: 'The code must be 6 digits' };
  return { ok: true, code };
}

/** A recovery code as written down ("abcde-12345"): case, spaces and the hyphen do not matter. */
export function checkRecoveryCode(typed: string): Checked {
  const code = typed.trim();
  if (!code) return { ok: false, message: 'Enter one of your recovery codes' };
  const letters = code.replace(/[^A-Za-z0-9]/g, '');
  if (letters.length !== 10) return { ok: false, message: 'A recovery code has 10 letters and numbers, like a3kf7-qx9tr' };
  return { ok: true, code };
}

/** The authenticator app's key in groups of 4, to type in without losing one's place. */
export function groupsOfFour(secret: string): string {
  return (secret.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}
