// A certified OpenID Connect provider (oidc-provider) for the tests, on a free loopback port.
// It issues JWT access tokens for the API (resource indicator urn:ctecr:api, audience from
// CTECR_TEST_AUDIENCE, lifetime CTECR_TEST_ACCESS_TOKEN_SECONDS) to the users below, who sign in
// on its login page (any password) through the public client ctecr-web (Authorization Code
// with PKCE, refresh tokens), and to the robot clients by the client credentials grant.
// ctecr-web's redirect URIs: CTECR_TEST_REDIRECT_URI, and with CTECR_TEST_APP_ORIGIN the web
// app's <origin>/auth/callback (sign-out returns to <origin>/); that origin may call the token
// endpoint (CORS). Its pages load nothing from another origin.
// Prints {"issuer": ...} on one line once it listens; stops when its stdin closes.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';

const RESOURCE = 'urn:ctecr:api';
const AUDIENCE = process.env.CTECR_TEST_AUDIENCE ?? 'ctecr-api';
const ACCESS_TOKEN_SECONDS = Number(process.env.CTECR_TEST_ACCESS_TOKEN_SECONDS ?? 300);
const APP_ORIGIN = process.env.CTECR_TEST_APP_ORIGIN;
const REDIRECT_URIS = [
  process.env.CTECR_TEST_REDIRECT_URI ?? 'http://127.0.0.1/signed-in',
  ...(APP_ORIGIN ? [`${APP_ORIGIN}/auth/callback`] : []),
];
const POST_LOGOUT_URIS = [REDIRECT_URIS[0], ...(APP_ORIGIN ? [`${APP_ORIGIN}/`] : [])];
const USERS = {
  'ana.mesa': {
    claims: {
      name: 'Ana Mesa', email: 'ana.mesa@example.org', groups: ['ctecr-lea'], lea_ids: [4235],
    },
  },
  'riley.reviewer': {
    claims: { name: 'Riley Reviewer', email: 'riley@example.org', groups: ['ctecr-reviewers'] },
  },
};
// Test clients (secrets of a throwaway provider on loopback) and the claims of their tokens.
const CLIENTS = {
  'reviewer-robot': {
    secret: 'reviewer-robot-test-secret',
    claims: { name: 'Riley Reviewer', groups: ['staff', 'ctecr-reviewers'] },
  },
  'mesa-robot': {
    secret: 'mesa-robot-test-secret',
    claims: { name: 'Mesa Coordinator', groups: ['ctecr-lea'], lea_ids: [4235] },
  },
};

function signingKey(type, options, kid, alg) {
  const jwk = generateKeyPairSync(type, options).privateKey.export({ format: 'jwk' });
  return { ...jwk, kid, alg, use: 'sig' };
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The provider's pages, with system fonts only (its built-in ones load a web font).
function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:2rem auto}
label,input,button{display:block;margin:.4rem 0}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function loginPage(uid, problem) {
  return page('Sign in to the test provider', `${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Username</label><input id="login" name="login" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form>`);
}

function send(res, status, html) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

async function formOf(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

// The login interaction: GET shows the form, POST .../login signs the user in (any password).
async function interaction(provider, req, res) {
  const { uid, prompt } = await provider.interactionDetails(req, res);
  if (req.method === 'GET') return send(res, 200, loginPage(uid));
  const login = (await formOf(req)).get('login');
  if (prompt.name !== 'login' || !USERS[login]) return send(res, 200, loginPage(uid, 'Unknown user.'));
  return provider.interactionFinished(req, res, { login: { accountId: login } });
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'ctecr-web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: REDIRECT_URIS,
        post_logout_redirect_uris: POST_LOGOUT_URIS,
      },
      ...Object.entries(CLIENTS).map(([id, client]) => ({
        client_id: id,
        client_secret: client.secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      })),
    ],
    findAccount: (_ctx, id) => USERS[id] && {
      accountId: id,
      claims: () => ({ sub: id, ...USERS[id].claims }),
    },
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    interactions: { url: (_ctx, details) => `/interaction/${details.uid}` },
    // A first-party client: the users are not asked to consent.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email offline_access');
      grant.addResourceScope(RESOURCE, 'ctecr');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    // The web app renews its access token with a refresh token (no offline_access needed, as
    // Keycloak and Entra ID do for single-page apps); it ends with the session at sign-out.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Public clients may call the token endpoint from the origins of their redirect URIs.
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some(
      (uri) => new URL(uri).origin === origin,
    ),
    jwks: {
      keys: [
        signingKey('ec', { namedCurve: 'P-256' }, 'ec-1', 'ES256'),
        signingKey('rsa', { modulusLength: 2048 }, 'rsa-1', 'RS256'),
      ],
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page('Sign out of the test provider?', `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('Signed out', '<p>You are signed out of the test provider.</p>');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        // The code and refresh grants issue tokens for the resource granted at sign-in.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'ctecr',
            audience: AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: ACCESS_TOKEN_SECONDS,
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
    },
    extraTokenClaims: (_ctx, token) => (
      token.accountId ? USERS[token.accountId] : CLIENTS[token.clientId]
    )?.claims,
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!/^\/interaction\/[^/]+(\/login)?$/.test(new URL(req.url, issuer).pathname)) {
      return callback(req, res);
    }
    return interaction(provider, req, res).catch((error) => send(res, 400, page('Sign-in error', `<p>${escape(error.message)}</p>`)));
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
