// Checks the local OpenID provider that the Rust single sign-on tests start (oidc-provider.mjs):
// the whole authorization code flow with PKCE, by hand, as a relying party would run it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), 'oidc-provider.mjs');
const REDIRECT = 'http://127.0.0.1:9/auth/oidc/callback';
const ACCOUNTS = {
  'pc-smith': { email: 'pc.smith@police.example', email_verified: true, name: 'PC Jo Smith', roles: ['RJ.Referrer'] },
  'dc-jones': { email: 'dc.jones@police.example', email_verified: false, name: 'DC Al Jones', roles: [], groups: ['g1'] },
};
const CLIENTS = [
  { client_id: 'rjhub', client_secret: 's3cret', redirect_uris: [REDIRECT] },
  { client_id: 'rjhub-post', client_secret: 'p0st', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_post' },
];

/** Starts the provider; resolves once it has printed its one line. */
async function startProvider() {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, OIDC_PORT: '0', OIDC_CLIENTS: JSON.stringify(CLIENTS), OIDC_ACCOUNTS: JSON.stringify(ACCOUNTS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const issuer = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provider did not start:\n${stderr}`)), 4000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /^OIDC provider listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`provider exited (${code}):\n${stderr}`)));
  });
  return { child, issuer, output: () => ({ stdout, stderr }) };
}

/** A tiny cookie jar: name and path, sent where the path matches. */
class Jar {
  #cookies = new Map();
  take(url, response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr('path') ?? new URL(url).pathname.replace(/\/[^/]*$/, '') ?? '/';
      const expires = attr('expires');
      const key = `${name}\u0000${path}`;
      if ((expires && Date.parse(expires) <= Date.now()) || attr('max-age') === '0') this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }
  header(url) {
    const path = new URL(url).pathname;
    return [...this.#cookies.values()]
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

/** Follows the provider's redirects (with cookies) until one leaves for the relying party. */
async function authorize(issuer, jar, params) {
  let url = `${issuer}/auth?${new URLSearchParams(params)}`;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.take(url, response);
    const location = response.headers.get('location');
    if (!location) assert.fail(`no redirect from ${url}: ${response.status} ${await response.text()}`);
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT)) return next;
    url = next.href;
  }
  return assert.fail('too many redirects');
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const pkcePair = () => {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
};

function decodeJwt(jwt) {
  const [header, payload, signature] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
    signed: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

async function token(issuer, form, basic) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`;
  const response = await fetch(`${issuer}/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: response.status, body: await response.json() };
}

describe('local OpenID provider', () => {
  let provider;
  let discovery;

  before(async () => {
    provider = await startProvider();
    discovery = await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json();
  });

  after(async () => {
    if (provider.child.exitCode === null) {
      provider.child.kill('SIGTERM');
      await once(provider.child, 'exit');
    }
  });

  test('publishes discovery for the issuer it printed', () => {
    assert.equal(discovery.issuer, provider.issuer);
    assert.equal(discovery.authorization_endpoint, `${provider.issuer}/auth`);
    assert.equal(discovery.token_endpoint, `${provider.issuer}/token`);
    assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
    assert.ok(discovery.id_token_signing_alg_values_supported.includes('RS256'));
    assert.ok(discovery.claims_supported.includes('roles'));
    assert.ok(discovery.claims_supported.includes('groups'), 'an account claim beyond the usual ones');
  });

  test('runs the code flow with PKCE to an ID token with the account claims', async () => {
    const jar = new Jar();
    const { verifier, challenge } = pkcePair();
    const state = b64url(randomBytes(16));
    const nonce = b64url(randomBytes(16));
    const back = await authorize(provider.issuer, jar, {
      response_type: 'code',
      client_id: 'rjhub',
      redirect_uri: REDIRECT,
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: 'pc-smith',
    });
    assert.equal(back.searchParams.get('state'), state);
    assert.equal(back.searchParams.get('iss'), provider.issuer);
    const code = back.searchParams.get('code');
    assert.ok(code, `no code in ${back}`);

    // A wrong verifier is refused (PKCE is checked before the code is spent).
    const wrong = await token(
      provider.issuer,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkcePair().verifier },
      ['rjhub', 's3cret'],
    );
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');
    // So is a wrong client secret.
    const badSecret = await token(
      provider.issuer,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      ['rjhub', 'wrong'],
    );
    assert.equal(badSecret.status, 401);
    assert.equal(badSecret.body.error, 'invalid_client');

    const done = await token(
      provider.issuer,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      ['rjhub', 's3cret'],
    );
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.token_type, 'Bearer');
    assert.equal(done.body.expires_in, 3600);
    const jwt = decodeJwt(done.body.id_token);
    assert.equal(jwt.header.alg, 'RS256');

    const jwks = await (await fetch(discovery.jwks_uri)).json();
    const jwk = jwks.keys.find((k) => k.kid === jwt.header.kid);
    assert.ok(jwk, 'the signing key is published');
    assert.ok(verify('sha256', Buffer.from(jwt.signed), createPublicKey({ key: jwk, format: 'jwk' }), jwt.signature));

    const claims = jwt.payload;
    assert.equal(claims.iss, provider.issuer);
    assert.equal(claims.aud, 'rjhub');
    assert.equal(claims.sub, 'pc-smith');
    assert.equal(claims.nonce, nonce);
    assert.equal(claims.email, 'pc.smith@police.example');
    assert.equal(claims.email_verified, true);
    assert.equal(claims.name, 'PC Jo Smith');
    assert.deepEqual(claims.roles, ['RJ.Referrer']);
    assert.equal(claims.exp - claims.iat, 3600);

    // The code is spent.
    const again = await token(
      provider.issuer,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
      ['rjhub', 's3cret'],
    );
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_grant');

    // The same cookie jar signs in as another account when login_hint names it.
    const other = pkcePair();
    const second = await authorize(provider.issuer, jar, {
      response_type: 'code',
      client_id: 'rjhub',
      redirect_uri: REDIRECT,
      scope: 'openid email',
      state,
      nonce,
      code_challenge: other.challenge,
      code_challenge_method: 'S256',
      login_hint: 'dc-jones',
    });
    const done2 = await token(
      provider.issuer,
      { grant_type: 'authorization_code', code: second.searchParams.get('code'), redirect_uri: REDIRECT, code_verifier: other.verifier },
      ['rjhub', 's3cret'],
    );
    assert.equal(done2.status, 200, JSON.stringify(done2.body));
    const claims2 = decodeJwt(done2.body.id_token).payload;
    assert.equal(claims2.sub, 'dc-jones');
    assert.equal(claims2.email_verified, false);
    assert.equal(claims2.name, undefined, 'no profile scope, no name');
    assert.equal(claims2.roles, undefined, 'no profile scope, no roles');
    assert.equal(claims2.groups, undefined, 'no profile scope, no other claims');
  });

  test('takes the client secret in the form for a client_secret_post client', async () => {
    const { verifier, challenge } = pkcePair();
    const back = await authorize(provider.issuer, new Jar(), {
      response_type: 'code',
      client_id: 'rjhub-post',
      redirect_uri: REDIRECT,
      scope: 'openid email profile',
      state: 'st',
      nonce: 'n',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: 'pc-smith',
    });
    const done = await token(provider.issuer, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code'),
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: 'rjhub-post',
      client_secret: 'p0st',
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(decodeJwt(done.body.id_token).payload.aud, 'rjhub-post');
  });

  test('refuses an unknown account, and a request without PKCE', async () => {
    const { challenge } = pkcePair();
    const denied = await authorize(provider.issuer, new Jar(), {
      response_type: 'code',
      client_id: 'rjhub',
      redirect_uri: REDIRECT,
      scope: 'openid email profile',
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: 'nobody',
    });
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('error_description'), 'no such account');
    assert.equal(denied.searchParams.get('state'), 'st');

    const noPkce = await authorize(provider.issuer, new Jar(), {
      response_type: 'code',
      client_id: 'rjhub',
      redirect_uri: REDIRECT,
      scope: 'openid',
      state: 'st',
      login_hint: 'pc-smith',
    });
    assert.equal(noPkce.searchParams.get('error'), 'invalid_request');
  });

  test('prints only its one line to stdout, and stops on SIGTERM', async () => {
    provider.child.kill('SIGTERM');
    const [code] = await once(provider.child, 'exit');
    assert.equal(code, 0);
    assert.equal(provider.output().stdout, `OIDC provider listening on ${provider.issuer}\n`);
  });
});
