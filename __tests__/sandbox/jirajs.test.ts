/**
 * The client the action uses, jira.js, checks every answer against its bundled zod schemas:
 * with `onSchemaMismatch: 'throw'` any answer of the sandbox that does not look like Jira fails.
 */
import { createCloudClient } from 'jira.js'
import { adfFromText } from '../../sandbox/index.js'
import { ACME } from '../../sandbox/scenarios/acme.js'
import { useSandbox } from './client.js'

const { sandbox } = useSandbox()
const client = () =>
  createCloudClient({
    host: sandbox().jiraUrl,
    auth: { type: 'basic', email: ACME.jiraEmail, apiToken: ACME.jiraApiToken },
    onSchemaMismatch: 'throw'
  })

test('reads', async () => {
  const c = client()
  expect((await c.myself.getCurrentUser()).accountId).toBe('u-bot')
  expect((await c.serverInfo.getServerInfo()).deploymentType).toBe('Cloud')
  const bulk = await c.issues.bulkFetchIssues({
    issueIdsOrKeys: ['SHOP-12', 'UTF-8'],
    fields: ['summary', 'status', 'assignee', 'reporter']
  })
  expect(bulk.issues?.map((i) => i.key)).toEqual(['SHOP-12'])
  const page = await c.issueSearch.searchAndReconsileIssuesUsingJql({
    jql: 'project = SHOP AND text ~ "rounding"',
    fields: ['*all'],
    maxResults: 5
  })
  expect(page.issues?.length).toBeGreaterThan(0)
  const post = await c.issueSearch.searchAndReconsileIssuesUsingJqlPost({
    jql: 'project = OPS',
    fields: ['key']
  })
  expect(post.issues).toHaveLength(8)
  expect((await c.issues.getIssue({ issueIdOrKey: 'SHOP-12' })).fields?.summary).toMatch(/one cent/)
  expect((await c.issues.getTransitions({ issueIdOrKey: 'SHOP-12' })).transitions?.length).toBe(3)
  expect((await c.issueComments.getComments({ issueIdOrKey: 'SHOP-12' })).total).toBe(1)
  expect((await c.issueWatchers.getIssueWatchers({ issueIdOrKey: 'SHOP-12' })).watchCount).toBe(5)
  expect((await c.projects.searchProjects({ keys: ['SHOP'] })).values?.[0]?.key).toBe('SHOP')
  expect((await c.issueLinkTypes.getIssueLinkTypes()).issueLinkTypes?.length).toBe(4)
  expect((await c.users.getUser({ accountId: 'u-ana' })).displayName).toBe('Ana Lima')
})

test('writes', async () => {
  const c = client()
  const link = {
    globalId: 'pr-42',
    relationship: 'mentioned in',
    object: { url: 'https://github.com/acme/shop/pull/42', title: 'PR #42' }
  }
  await c.issueRemoteLinks.createOrUpdateRemoteIssueLink({ issueIdOrKey: 'SHOP-12', ...link })
  expect(await c.issueRemoteLinks.getRemoteIssueLinks({ issueIdOrKey: 'SHOP-12' })).toHaveLength(1)
  await c.issueRemoteLinks.deleteRemoteIssueLinkByGlobalId({
    issueIdOrKey: 'SHOP-12',
    globalId: 'pr-42'
  })
  const comment = await c.issueComments.addComment({
    issueIdOrKey: 'SHOP-12',
    body: adfFromText('Merged.') as never
  })
  await c.issueComments.updateComment({
    issueIdOrKey: 'SHOP-12',
    id: comment.id!,
    body: { body: adfFromText('Merged!') } as never
  })
  await c.issues.doTransition({ issueIdOrKey: 'SHOP-12', transition: { id: '31' } })
  const created = await c.issues.createIssue({
    fields: { project: { key: 'SHOP' }, issuetype: { name: 'Task' }, summary: 'Follow-up' }
  })
  await c.issueLinks.linkIssues({
    type: { name: 'Relates' },
    inwardIssue: { key: created.key },
    outwardIssue: { key: 'SHOP-12' }
  })
  await c.issueProperties.setIssueProperty({
    issueIdOrKey: 'SHOP-12',
    propertyKey: 'gitar',
    body: { a: 1 }
  })
  expect(
    (await c.issueProperties.getIssueProperty({ issueIdOrKey: 'SHOP-12', propertyKey: 'gitar' }))
      .value
  ).toEqual({ a: 1 })
  await c.issues.editIssue({
    issueIdOrKey: created.key!,
    update: { labels: [{ add: 'gitar-jira-group-1' }] }
  })
  const edited = await c.issueSearch.searchAndReconsileIssuesUsingJqlPost({
    jql: 'labels = gitar-jira-group-1',
    fields: ['labels']
  })
  expect(edited.issues?.map((i) => [i.key, i.fields?.labels])).toEqual([
    [created.key, ['gitar-jira-group-1']]
  ])
  expect(sandbox().state.jira.createdIssues).toEqual([created.key])
})
