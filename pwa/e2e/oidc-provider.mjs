// A real, local OpenID Connect provider for tests of RJ Hub's single sign-on: the certified
// `oidc-provider` package, on plain http at 127.0.0.1, with no sign-in page. The account to sign
// in as is named by the relying party's `login_hint`; login and consent finish at once.
//
//   OIDC_PORT=0 \
//   OIDC_CLIENTS='[{"client_id":"rjhub","client_secret":"s3cret","redirect_uris":["http://127.0.0.1:12345/auth/oidc/callback"]}]' \
//   OIDC_ACCOUNTS='{"pc-smith":{"email":"pc.smith@police.example","email_verified":true,"name":"PC Jo Smith","roles":["RJ.Referrer"]}}' \
//   node pwa/e2e/oidc-provider.mjs
//
// - OIDC_PORT: the port to listen on at 127.0.0.1 (0 or unset: a free one).
// - OIDC_CLIENTS: a JSON array of client metadata (client_id, client_secret, redirect_uris, and
//   optionally token_endpoint_auth_method: client_secret_basic (default) or client_secret_post;
//   any other registered client metadata is passed on as given).
// - OIDC_ACCOUNTS: a JSON object, account id → claims. The account id is the `sub`. With the
//   scopes `openid email profile` the ID token carries sub, email, email_verified, name and roles
//   (whichever of them the account has); any other claim given goes with the profile scope.
// - OIDC_DEFAULT_ACCOUNT (optional): the account to sign in as when the request has no
//   login_hint (e.g. a browser test that clicks the app's own "Sign in with …" button).
//
// Once listening it prints one line to stdout, `OIDC provider listening on http://127.0.0.1:PORT`
// (the issuer); everything else goes to stderr. SIGTERM or SIGINT stops it.
//
// The flow: GET /auth?...&login_hint=ACCOUNT → /interaction/UID (login) → /auth/UID →
// /interaction/UID (consent) → /auth/UID → redirect_uri?code=...&state=...&iss=...
// A client that follows redirects and keeps cookies gets there alone. A login_hint naming no
// account (or no login_hint, and no OIDC_DEFAULT_ACCOUNT) ends at
// redirect_uri?error=access_denied&error_description=no+such+account&state=...&iss=...
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider, { interactionPolicy } from 'oidc-provider';

// stdout carries the one "listening" line; oidc-provider's notices (console.info) go to stderr.
console.log = console.error;
console.info = console.error;

function fail(message) {
  console.error(`oidc-provider.mjs: ${message}`);
  process.exit(2);
}

function parseJson(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  try {
    return JSON.parse(raw);
  } catch (error) {
    return fail(`${name} is not valid JSON: ${error instanceof Error ? error.message : error}`);
  }
}

const port = Number(process.env.OIDC_PORT ?? '0');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`OIDC_PORT must be a port number, not ${process.env.OIDC_PORT}`);

const clients = parseJson('OIDC_CLIENTS', undefined);
if (!Array.isArray(clients) || clients.length === 0) fail('OIDC_CLIENTS must be a JSON array of clients');
for (const client of clients) {
  if (typeof client?.client_id !== 'string') fail('each client in OIDC_CLIENTS needs a client_id');
}

const accounts = parseJson('OIDC_ACCOUNTS', {});
if (typeof accounts !== 'object' || accounts === null || Array.isArray(accounts)) {
  fail('OIDC_ACCOUNTS must be a JSON object: account id → claims');
}
const hasAccount = (id) => typeof id === 'string' && Object.hasOwn(accounts, id);
const defaultAccount = process.env.OIDC_DEFAULT_ACCOUNT || undefined;
if (defaultAccount !== undefined && !hasAccount(defaultAccount)) fail(`OIDC_DEFAULT_ACCOUNT ${defaultAccount} is not in OIDC_ACCOUNTS`);

// The profile scope releases name and roles, and any other claim an account has (e.g. groups).
const profileClaims = [
  ...new Set(['name', 'roles', ...Object.values(accounts).flatMap((claims) => Object.keys(claims ?? {}))]),
].filter((claim) => !['sub', 'email', 'email_verified'].includes(claim));

// A fresh signing key each run (the package's built-in development key is public).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' };

// Login is asked for again when login_hint names someone other than the session's account, so
// one cookie jar can sign in as several accounts in turn.
const policy = interactionPolicy.base();
policy.get('login').checks.add(
  new interactionPolicy.Check('login_hint_other_account', 'login_hint names another account', (ctx) => {
    const hint = ctx.oidc.params.login_hint || defaultAccount;
    const current = ctx.oidc.session.accountId;
    return hint && current && hint !== current
      ? interactionPolicy.Check.REQUEST_PROMPT
      : interactionPolicy.Check.NO_NEED_TO_PROMPT;
  }),
);

const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', () => resolve(undefined));
});
server.removeAllListeners('error');
server.on('error', (error) => console.error('oidc-provider.mjs: server error:', error));
const address = server.address();
const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;

const provider = new Provider(issuer, {
  clients: clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  responseTypes: ['code'],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  async findAccount(_ctx, id) {
    if (!hasAccount(id)) return undefined;
    return {
      accountId: id,
      async claims() {
        return { ...accounts[id], sub: id };
      },
    };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: profileClaims,
  },
  // Claims of the granted scopes go in the ID token too, not only in userinfo.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
  },
  interactions: {
    policy,
    url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  pkce: { required: () => true },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
});
provider.on('server_error', (_ctx, error) => console.error('oidc-provider.mjs: server_error:', error));

/** The interaction page: no UI, the account is the login_hint; consent is given for all asked. */
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  if (prompt.name === 'login') {
    const accountId = params.login_hint || defaultAccount;
    if (!hasAccount(accountId)) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'no such account' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (session?.accountId && session.accountId !== accountId) {
      // Another account is signed in here: end its session first. (Left to oidc-provider, the
      // switch would stop at a self-submitting logout form, which a redirect-following client
      // cannot get past.)
      const previous = session.cookie ? await provider.Session.find(session.cookie) : undefined;
      await previous?.destroy();
      details.session = undefined;
      await details.save(details.exp - Math.floor(Date.now() / 1000));
    }
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { error: 'access_denied', error_description: `unexpected prompt ${prompt.name}` },
    { mergeWithLastSubmission: false },
  );
}

const handle = provider.callback();
server.on('request', (req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && /^\/interaction\/[^/]+$/.test(path)) {
    interaction(req, res).catch((error) => {
      console.error('oidc-provider.mjs: interaction failed:', error);
      if (!res.headersSent) {
        res.statusCode = 400;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
      }
      res.end(`interaction failed: ${error.message}\n`);
    });
    return;
  }
  handle(req, res);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

process.stdout.write(`OIDC provider listening on ${issuer}\n`);
