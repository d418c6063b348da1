import { cacheKey, credentialSecret, seal, unseal } from '../../../src/cache/sealed.js'

const key = cacheKey('mia@example.com:token-1', 'https://acme.atlassian.net')

describe('sealed cache entries', () => {
  test('round-trip with the same credential', () => {
    const value = { issues: [{ key: 'ABC-1', summary: 'Guest checkout' }] }
    expect(unseal(seal(value, key), key)).toEqual(value)
  })

  test('hold no plain text', () => {
    expect(seal({ summary: 'secret roadmap item' }, key).toString('latin1')).not.toContain(
      'roadmap'
    )
  })

  test('another credential, another site, or a damaged entry opens nothing', () => {
    const sealed = seal({ a: 1 }, key)
    expect(
      unseal(sealed, cacheKey('mia@example.com:token-2', 'https://acme.atlassian.net'))
    ).toBeNull()
    expect(
      unseal(sealed, cacheKey('mia@example.com:token-1', 'https://other.atlassian.net'))
    ).toBeNull()
    const damaged = Buffer.from(sealed)
    damaged[damaged.length - 1]! ^= 1
    expect(unseal(damaged, key)).toBeNull()
    expect(unseal(Buffer.from('x'), key)).toBeNull()
  })

  test('the key material is the stable part of each credential, never a rotating token', () => {
    expect(
      credentialSecret({
        mode: 'oauth-3lo',
        clientId: 'id',
        clientSecret: 'secret',
        refreshToken: 'rotates',
        secretName: 'JIRA_OAUTH_REFRESH_TOKEN',
        secretsToken: 'ghp'
      } as never)
    ).toBe('id:secret')
    expect(credentialSecret({ mode: 'bearer', siteUrl: 'https://x', token: 'pat' })).toBe('pat')
  })
})
