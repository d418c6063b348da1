import { jest } from '@jest/globals'
import type { RepoPermission } from '../../../src/github/port.js'
import {
  asksTrust,
  readAuthorTrust,
  trustOf,
  whyNotTrusted
} from '../../../src/rules/author-trust.js'
import { settings } from '../../helpers/facts.js'

const person = { login: 'outsider', type: 'User' }
const dependabot = { login: 'dependabot[bot]', type: 'Bot' }
const ACME = { owner: 'acme', repo: 'shop' }

describe('trustOf: GitHub’s author_association of the PR', () => {
  test.each([
    ['OWNER', true],
    ['MEMBER', true],
    ['COLLABORATOR', true],
    ['CONTRIBUTOR', false],
    ['FIRST_TIME_CONTRIBUTOR', false],
    ['FIRST_TIMER', false],
    ['NONE', false],
    ['MANNEQUIN', false],
    ['', false]
  ])('%s → trusted %s', (association, trusted) => {
    expect(trustOf(person, association).trusted).toBe(trusted)
  })

  test.each<[RepoPermission, boolean]>([
    ['admin', true],
    ['write', true],
    ['read', false],
    ['none', false]
  ])(
    'a CONTRIBUTOR (a private organization member shows as one) with %s access → trusted %s',
    (permission, trusted) => {
      expect(trustOf(person, 'CONTRIBUTOR', permission)).toEqual({
        login: 'outsider',
        association: 'CONTRIBUTOR',
        bot: false,
        permission,
        trusted
      })
    }
  )

  test('an app’s account is never trusted, by login or by account type', () => {
    expect(trustOf(dependabot, 'CONTRIBUTOR', 'write').trusted).toBe(false)
    expect(trustOf({ login: 'renovate[bot]' }, 'MEMBER').trusted).toBe(false)
    expect(trustOf({ login: 'acme-releaser', type: 'Bot' }, 'COLLABORATOR').trusted).toBe(false)
  })
})

describe('readAuthorTrust: the permission is read only when it can change the answer', () => {
  const github = (permission: RepoPermission | Error) => ({
    getPermission: jest.fn(async () => {
      if (permission instanceof Error) throw permission
      return permission
    })
  })

  test('a member: no read', async () => {
    const port = github('none')
    const trust = await readAuthorTrust(port, { author: person, authorAssociation: 'MEMBER' }, true)
    expect(trust.trusted).toBe(true)
    expect(port.getPermission).not.toHaveBeenCalled()
  })

  test('a bot, or no rule that asks: no read, not trusted', async () => {
    const port = github('write')
    const bot = await readAuthorTrust(
      port,
      { author: dependabot, authorAssociation: 'CONTRIBUTOR' },
      true
    )
    const unasked = await readAuthorTrust(
      port,
      { author: person, authorAssociation: 'CONTRIBUTOR' },
      false
    )
    expect([bot.trusted, unasked.trusted]).toEqual([false, false])
    expect(port.getPermission).not.toHaveBeenCalled()
  })

  test('a CONTRIBUTOR: their permission on the repository decides', async () => {
    const port = github('write')
    const trust = await readAuthorTrust(
      port,
      { author: person, authorAssociation: 'CONTRIBUTOR' },
      true
    )
    expect(port.getPermission).toHaveBeenCalledWith('outsider')
    expect(trust).toMatchObject({ trusted: true, permission: 'write' })
  })

  test('a permission that cannot be read counts as none, and the reason is kept', async () => {
    const trust = await readAuthorTrust(
      github(new Error('GitHub failed: 502')),
      { author: person, authorAssociation: 'NONE' },
      true
    )
    expect(trust).toMatchObject({ trusted: false, unread: 'GitHub failed: 502' })
    expect(whyNotTrusted(trust, ACME)).toBe(
      '@outsider is not a collaborator of acme/shop (author association NONE; their permission could not be read: GitHub failed: 502)'
    )
  })
})

test('asksTrust: only transitions, review requests and follow-ups before the merge act on it', () => {
  const s = settings()
  expect(asksTrust(s)).toBe(false) // transitions off, suggestions in the comment
  s.rules.followUps.when = 'open'
  expect(asksTrust(s)).toBe(true)
  s.rules.followUps.when = 'merge'
  s.rules.suggestReviewers.mode = 'request'
  expect(asksTrust(s)).toBe(true)
  s.rules.suggestReviewers.enabled = false
  expect(asksTrust(s)).toBe(false)
  s.rules.transitions.enabled = true
  expect(asksTrust(s)).toBe(true)
})

test('whyNotTrusted names the login, the repository and what GitHub said', () => {
  expect(whyNotTrusted(trustOf(person, 'FIRST_TIME_CONTRIBUTOR'), ACME)).toBe(
    '@outsider is not a collaborator of acme/shop (author association FIRST_TIME_CONTRIBUTOR)'
  )
  expect(whyNotTrusted(trustOf(person, 'CONTRIBUTOR', 'read'), ACME)).toBe(
    '@outsider is not a collaborator of acme/shop (author association CONTRIBUTOR, read access)'
  )
  expect(whyNotTrusted(trustOf(dependabot, 'CONTRIBUTOR'), ACME)).toBe(
    "@dependabot[bot] is an app's account, whose PR text is not the repository's own (author association CONTRIBUTOR)"
  )
})
