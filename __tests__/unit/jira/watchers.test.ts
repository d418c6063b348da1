/** The Jira adapter's watchers read at the HTTP boundary (Cloud: GET /issue/{key}/watchers). */
import nock from 'nock'
import { connectedJira as port, SITE } from './helpers.js'

const user = (accountId: string, displayName: string, extra: Record<string, unknown> = {}) => ({
  self: `${SITE}/rest/api/3/user?accountId=${accountId}`,
  accountId,
  accountType: 'atlassian',
  displayName,
  active: true,
  ...extra
})

describe('getWatchers', () => {
  it('maps each watcher; emails only where Jira shows them; apps marked as bots', async () => {
    const jira = await port()
    const scope = nock(SITE)
      .get('/rest/api/3/issue/SHOP-12/watchers')
      .reply(200, {
        self: `${SITE}/rest/api/3/issue/SHOP-12/watchers`,
        isWatching: false,
        watchCount: 4,
        watchers: [
          user('u-eli', 'Eli Romero', { emailAddress: 'eli@acme.test' }),
          user('u-dana', 'Dana Kowalski'),
          user('u-old', 'Former Employee', { active: false }),
          user('u-app', 'Automation', { accountType: 'app' })
        ]
      })
    expect(await jira.getWatchers('SHOP-12')).toEqual([
      { id: 'u-eli', displayName: 'Eli Romero', email: 'eli@acme.test', active: true },
      { id: 'u-dana', displayName: 'Dana Kowalski', active: true },
      { id: 'u-old', displayName: 'Former Employee', active: false },
      { id: 'u-app', displayName: 'Automation', active: true, bot: true }
    ])
    expect(scope.isDone()).toBe(true)
  })

  it('a refusal names the permission', async () => {
    const jira = await port()
    nock(SITE)
      .get('/rest/api/3/issue/SHOP-12/watchers')
      .reply(403, {
        errorMessages: ['You do not have the permission to see the specified issue.'],
        errors: {}
      })
    await expect(jira.getWatchers('SHOP-12')).rejects.toThrow(/View voters and watchers/)
  })
})

describe('findUser', () => {
  it('Cloud: an accountId is what issues carry and what JQL takes, so nothing is asked', async () => {
    const jira = await port()
    // nock would refuse any request: none is expected.
    expect(await jira.findUser('5b10ac8d82e05b22cc7d4ef5')).toEqual({
      id: '5b10ac8d82e05b22cc7d4ef5',
      jql: '5b10ac8d82e05b22cc7d4ef5'
    })
    expect(nock.pendingMocks()).toEqual([])
  })
})
