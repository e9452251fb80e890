// A certified OpenID Connect provider (oidc-provider) for the tests, on a free loopback port.
// It issues JWT access tokens for the API (resource indicator urn:ctecr:api, audience from
// CTECR_TEST_AUDIENCE) to the users below, who sign in on its development login page (any
// password) through the public client ctecr-web (Authorization Code with PKCE, redirect URI
// from CTECR_TEST_REDIRECT_URI), and to the robot clients by the client credentials grant.
// Prints {"issuer": ...} on one line once it listens; stops when its stdin closes.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';

const RESOURCE = 'urn:ctecr:api';
const AUDIENCE = process.env.CTECR_TEST_AUDIENCE ?? 'ctecr-api';
const REDIRECT_URI = process.env.CTECR_TEST_REDIRECT_URI ?? 'http://127.0.0.1/signed-in';
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
        redirect_uris: [REDIRECT_URI],
        post_logout_redirect_uris: [REDIRECT_URI],
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
    jwks: {
      keys: [
        signingKey('ec', { namedCurve: 'P-256' }, 'ec-1', 'ES256'),
        signingKey('rsa', { modulusLength: 2048 }, 'rsa-1', 'RS256'),
      ],
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'ctecr',
            audience: AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 300,
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => (
      token.accountId ? USERS[token.accountId] : CLIENTS[token.clientId]
    )?.claims,
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
