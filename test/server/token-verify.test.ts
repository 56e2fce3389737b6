import { randomUUID } from 'node:crypto';
import { signToken, verifyTokenClaims } from '../../server/src/common/auth';

const settings = { tokenSecret: 's'.repeat(40), tokenTtlSeconds: 60 };

describe('a sign-in token checked again on every request', () => {
  afterEach(() => jest.restoreAllMocks());

  it('should give the same claims every time it is sent', () => {
    const userId = randomUUID();
    const { token, expiresAt } = signToken(settings, userId, 3);
    const first = verifyTokenClaims(settings, token);
    expect(first).toEqual({ userId, exp: expiresAt.getTime() / 1000, epoch: 3 });
    expect(verifyTokenClaims(settings, token)).toEqual(first);
  });

  it('should refuse a token once it has expired, though it was accepted before', () => {
    const { token, expiresAt } = signToken(settings, randomUUID());
    expect(verifyTokenClaims(settings, token)).not.toBeNull();
    jest.spyOn(Date, 'now').mockReturnValue(expiresAt.getTime());
    expect(verifyTokenClaims(settings, token)).toBeNull();
    jest.spyOn(Date, 'now').mockReturnValue(expiresAt.getTime() - 1000);
    expect(verifyTokenClaims(settings, token)).not.toBeNull();
  });

  it('should refuse a token accepted under another secret (the secret was changed)', () => {
    const { token } = signToken(settings, randomUUID());
    expect(verifyTokenClaims(settings, token)).not.toBeNull();
    expect(verifyTokenClaims({ ...settings, tokenSecret: 't'.repeat(40) }, token)).toBeNull();
    expect(verifyTokenClaims(settings, token)).not.toBeNull();
  });

  it('should refuse a token whose signature was tampered with, every time', () => {
    const { token } = signToken(settings, randomUUID());
    const [h, p, sig] = token.split('.');
    const forged = `${h}.${p}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(verifyTokenClaims(settings, forged)).toBeNull();
    expect(verifyTokenClaims(settings, forged)).toBeNull();
    expect(verifyTokenClaims(settings, token)).not.toBeNull();
  });
});
