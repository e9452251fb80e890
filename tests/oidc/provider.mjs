// A certified OpenID Connect provider (oidc-provider) for the tests, on a free loopback port.
// It issues JWT access tokens for the API (resource indicator urn:ctecr:api, audience from
// CTECR_TEST_AUDIENCE) by the client credentials grant, with the claims of each client below.
// Prints {"issuer": ...} on one line once it listens; stops when its stdin closes.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';

const RESOURCE = 'urn:ctecr:api';
const AUDIENCE = process.env.CTECR_TEST_AUDIENCE ?? 'ctecr-api';
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
    clients: Object.entries(CLIENTS).map(([id, client]) => ({
      client_id: id,
      client_secret: client.secret,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    })),
    jwks: {
      keys: [
        signingKey('ec', { namedCurve: 'P-256' }, 'ec-1', 'ES256'),
        signingKey('rsa', { modulusLength: 2048 }, 'rsa-1', 'RS256'),
      ],
    },
    features: {
      devInteractions: { enabled: false },
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
    extraTokenClaims: (_ctx, token) => CLIENTS[token.clientId]?.claims,
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
