// A real OpenID Connect provider on loopback for CRIS's single sign-on tests (tests/test_oidc.py):
// the npm package oidc-provider with its development login screen (any password; the test posts the
// account id). Configuration from the environment, set by the test:
//   OIDC_PORT      port on 127.0.0.1 (the issuer is http://127.0.0.1:<port>)
//   OIDC_CLIENT    JSON: {client_id, client_secret, redirect_uris}
//   OIDC_ACCOUNTS  JSON: {"<sub>": {"email": ..., "personeelsnummer": ...}, ...}
// Prints "READY <issuer>" when it listens.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const client = JSON.parse(process.env.OIDC_CLIENT);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    ...client,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  async findAccount(ctx, id) {
    if (!accounts[id]) return undefined;
    return { accountId: id, async claims() { return { sub: id, email_verified: true, ...accounts[id] }; } };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'personeelsnummer'],
  },
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['cris-test-oidc'] },
});

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY ${issuer}\n`);
});
