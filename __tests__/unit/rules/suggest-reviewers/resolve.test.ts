import { jest } from '@jest/globals'
import type { GitHubUser, RepoPermission } from '../../../../src/github/port.js'
import type { JiraUser } from '../../../../src/jira/port.js'
import { createResolver, type LookupPort } from '../../../../src/rules/suggest-reviewers/resolve.js'

/** A GitHub with commit authors by email and public profiles, counting each lookup. */
function fakeGitHub(
  commits: Record<string, string[]> = {},
  profiles: GitHubUser[] = [],
  permissions: Record<string, RepoPermission> = {}
) {
  const port = {
    findCommitAuthors: jest.fn(async (email: string) => commits[email.toLowerCase()] ?? []),
    getUser: jest.fn(
      async (login: string) =>
        profiles.find((p) => p.login.toLowerCase() === login.toLowerCase()) ?? null
    ),
    getPermission: jest.fn(async (login: string) => permissions[login] ?? 'none')
  }
  return port satisfies LookupPort
}

const ELI: JiraUser = { id: 'u-eli', displayName: 'Eli Romero', email: 'eli@acme.test' }
const DANA: JiraUser = { id: 'u-dana', displayName: 'Dana Kowalski' }

describe('createResolver: the order of the mapping', () => {
  test('the users table first: no GitHub lookup at all', async () => {
    const github = fakeGitHub({ 'eli@acme.test': ['someone-else'] })
    const resolver = createResolver(github, { 'u-eli': 'eliromero' })
    expect(await resolver.resolve(ELI)).toEqual({ login: 'eliromero', via: 'users table' })
    expect(github.findCommitAuthors).not.toHaveBeenCalled()
  })

  test('a hidden email and no table entry: nobody, and no lookup', async () => {
    const github = fakeGitHub()
    expect(await createResolver(github, {}).resolve(DANA)).toEqual({
      login: null,
      emailHidden: true
    })
    expect(github.findCommitAuthors).not.toHaveBeenCalled()
    expect(github.getUser).not.toHaveBeenCalled()
  })

  test('then the commit author email of the repository', async () => {
    const github = fakeGitHub({ 'eli@acme.test': ['eliromero'] })
    expect(await createResolver(github, {}).resolve(ELI)).toEqual({
      login: 'eliromero',
      via: 'commit email'
    })
    expect(github.getUser).not.toHaveBeenCalled()
  })

  test('several commit authors for one email: the one whose name agrees', async () => {
    const github = fakeGitHub({ 'eli@acme.test': ['ci-account', 'eliromero'] }, [
      { login: 'ci-account', name: 'CI' },
      { login: 'eliromero', name: 'Eli Romero' }
    ])
    expect(await createResolver(github, {}).resolve(ELI)).toEqual({
      login: 'eliromero',
      via: 'commit email'
    })
  })

  test('then a public email, on the logins a name usually gives; the first agreeing one ends it', async () => {
    const github = fakeGitHub({}, [
      { login: 'eliromero', name: 'Someone Else', email: 'other@x.test' },
      { login: 'eli-romero', name: 'Eli Romero', email: 'ELI@acme.test' }
    ])
    expect(await createResolver(github, {}).resolve(ELI)).toEqual({
      login: 'eli-romero',
      via: 'public email'
    })
    expect(github.getUser.mock.calls.map((c) => c[0])).toEqual(['eliromero', 'eli-romero'])
  })

  test('a name that matches a GitHub account without an agreeing email is not a match', async () => {
    const github = fakeGitHub({}, [{ login: 'eliromero', name: 'Eli Romero' }])
    expect(await createResolver(github, {}).resolve(ELI)).toEqual({
      login: null,
      emailHidden: false
    })
  })

  test('each answer is looked up once per run', async () => {
    const github = fakeGitHub({ 'eli@acme.test': ['eliromero'] }, [], { eliromero: 'write' })
    const resolver = createResolver(github, {})
    await Promise.all([resolver.resolve(ELI), resolver.resolve(ELI)])
    await resolver.resolve({ ...ELI })
    await resolver.permission('eliromero')
    await resolver.permission('EliRomero')
    expect(github.findCommitAuthors).toHaveBeenCalledTimes(1)
    expect(github.getPermission).toHaveBeenCalledTimes(1)
  })
})
