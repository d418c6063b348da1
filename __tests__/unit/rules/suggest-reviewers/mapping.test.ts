import type { GitHubUser } from '../../../../src/github/port.js'
import type { JiraUser } from '../../../../src/jira/port.js'
import {
  fromPublicEmails,
  fromUsersTable,
  isBot,
  loginCandidates,
  pickAgreeing
} from '../../../../src/rules/suggest-reviewers/mapping.js'

const ELI: JiraUser = { id: 'u-eli', displayName: 'Eli Romero', email: 'Eli@Acme.test' }
const DANA: JiraUser = { id: 'u-dana', displayName: 'Dana Kowalski' } // email hidden

describe('the users table', () => {
  test('by accountId, which works when Jira hides the email', () => {
    expect(fromUsersTable(DANA, { 'u-dana': 'dana-k' })).toBe('dana-k')
  })

  test('by email, in any case', () => {
    expect(fromUsersTable(ELI, { 'eli@acme.test': 'eliromero' })).toBe('eliromero')
  })

  test('the accountId wins over the email', () => {
    expect(fromUsersTable(ELI, { 'eli@acme.test': 'eli-old', 'u-eli': 'eliromero' })).toBe(
      'eliromero'
    )
  })

  test('a hidden email matches no email key', () => {
    expect(fromUsersTable(DANA, { 'dana@acme.test': 'dana-k' })).toBeNull()
  })

  test('Data Center: by user key, or by username in any case (Jira compares them so)', () => {
    const dana: JiraUser = { id: 'JIRAUSER10104', name: 'dkowalski', displayName: 'Dana K.' }
    expect(fromUsersTable(dana, { JIRAUSER10104: 'dana-k' })).toBe('dana-k')
    expect(fromUsersTable(dana, { DKowalski: 'dana-k' })).toBe('dana-k')
    expect(fromUsersTable(dana, { 'u-dana': 'dana-k' })).toBeNull()
  })
})

describe('public emails', () => {
  const eli: GitHubUser = { login: 'eliromero', name: 'Eli Romero', email: 'eli@acme.test' }

  test('the account whose public email is the Jira email', () => {
    expect(fromPublicEmails(ELI, [{ login: 'eli', email: 'eli@other.test' }, eli])).toBe(
      'eliromero'
    )
  })

  test('a display name alone is never a match', () => {
    expect(fromPublicEmails(ELI, [{ login: 'eliromero', name: 'Eli Romero' }])).toBeNull()
  })

  test('no Jira email, no match', () => {
    expect(fromPublicEmails(DANA, [{ login: 'dana-k', email: 'dana@acme.test' }])).toBeNull()
  })
})

describe('pickAgreeing: the display name only chooses among accounts whose email agrees', () => {
  test('one account: that one', () => {
    expect(pickAgreeing(ELI, [{ login: 'eliromero' }])).toBe('eliromero')
  })

  test('several: the one whose name agrees (accents and case aside)', () => {
    const jose: JiraUser = { id: 'u-j', displayName: 'José Núñez', email: 'j@x.test' }
    expect(
      pickAgreeing(jose, [
        { login: 'jn-old', name: 'Build Account' },
        { login: 'jnunez', name: 'jose nunez' }
      ])
    ).toBe('jnunez')
  })

  test('several that nothing tells apart: none', () => {
    expect(pickAgreeing(ELI, [{ login: 'a' }, { login: 'b' }])).toBeNull()
  })

  test('the same login twice is one account', () => {
    expect(pickAgreeing(ELI, [{ login: 'eliromero' }, { login: 'EliRomero' }])).toBe('eliromero')
  })
})

describe('loginCandidates', () => {
  test('the usual shapes of a login made from a name', () => {
    expect(loginCandidates('Eli Romero')).toEqual([
      'eliromero',
      'eli-romero',
      'eromero',
      'elir',
      'eli'
    ])
    expect(loginCandidates('Ana Lima')).toContain('ana-lima')
  })

  test('accents dropped, one-word names, nothing from punctuation only', () => {
    expect(loginCandidates('Zoë')).toEqual(['zoe'])
    expect(loginCandidates('—')).toEqual([])
  })
})

test('bots: by the [bot] suffix or GitHub account type', () => {
  expect(isBot('dependabot[bot]')).toBe(true)
  expect(isBot('renovate', 'Bot')).toBe(true)
  expect(isBot('benok', 'User')).toBe(false)
})
