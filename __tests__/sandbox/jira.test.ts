import { adfFromText, type AdfDoc } from '../../sandbox/index.js'
import { useSandbox } from './client.js'

const { sandbox, jira } = useSandbox()
const issue = (key: string) => sandbox().state.jira.issues.find((i) => i.key === key)!

describe('enhanced search paging', () => {
  test('nextPageToken walks every match exactly once', async () => {
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const q = new URLSearchParams({
        jql: 'project = SHOP ORDER BY key ASC',
        maxResults: '25',
        fields: 'key,summary'
      })
      if (token) q.set('nextPageToken', token)
      const r = await jira(`/rest/api/3/search/jql?${q}`)
      expect(r.status).toBe(200)
      expect(r.body.total).toBeUndefined()
      seen.push(...r.body.issues.map((i: { key: string }) => i.key))
      token = r.body.nextPageToken
      expect(r.body.isLast).toBe(token === undefined)
      pages++
    } while (token)
    expect(pages).toBe(3)
    expect(seen).toHaveLength(60)
    expect(new Set(seen).size).toBe(60)
    expect(seen.slice(0, 2)).toEqual(['SHOP-1', 'SHOP-2'])
  })

  test('the default fields are id only', async () => {
    const r = await jira('/rest/api/3/search/jql', {
      method: 'POST',
      body: { jql: 'key = SHOP-12' }
    })
    expect(r.body.issues).toEqual([{ id: issue('SHOP-12').id }])
  })

  test('POST search with fields answers Jira-shaped issues', async () => {
    const r = await jira('/rest/api/3/search/jql', {
      method: 'POST',
      body: { jql: 'key = SHOP-12', fields: ['summary', 'status', 'assignee'] }
    })
    expect(r.body.issues[0]).toMatchObject({
      key: 'SHOP-12',
      fields: {
        summary: expect.stringContaining('one cent'),
        status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
        assignee: { accountId: 'u-ben' }
      }
    })
    expect(Object.keys(r.body.issues[0].fields).sort()).toEqual(['assignee', 'status', 'summary'])
  })

  test('a token from another query is refused', async () => {
    const first = await jira(
      `/rest/api/3/search/jql?${new URLSearchParams({ jql: 'project = SHOP', maxResults: '5' })}`
    )
    const r = await jira(
      `/rest/api/3/search/jql?${new URLSearchParams({ jql: 'project = OPS', nextPageToken: first.body.nextPageToken })}`
    )
    expect(r.status).toBe(400)
  })

  test('a JQL error is 400 with errorMessages', async () => {
    const r = await jira(
      `/rest/api/3/search/jql?${new URLSearchParams({ jql: 'summary ~ cart+' })}`
    )
    expect(r.status).toBe(400)
    expect(r.body.errorMessages[0]).toMatch(/reserved JQL character/)
  })
})

test('bulkfetch returns visible issues and lists the others as errors', async () => {
  const r = await jira('/rest/api/3/issue/bulkfetch', {
    method: 'POST',
    body: { issueIdsOrKeys: ['SHOP-12', 'UTF-8', 'OPS-1'], fields: ['summary'] }
  })
  expect(r.body.issues.map((i: { key: string }) => i.key)).toEqual(['SHOP-12', 'OPS-1'])
  expect(r.body.issueErrors).toEqual([
    { id: 'UTF-8', errorMessage: 'Issue does not exist or you do not have permission to see it.' }
  ])
})

describe('remote links', () => {
  const path = '/rest/api/3/issue/SHOP-1/remotelink'
  const globalId = 'gitar-jira:https://github.com/acme/shop/pull/42'

  test('POST with a known globalId replaces the whole link; left-out fields become null', async () => {
    const created = await jira(path, {
      method: 'POST',
      body: {
        globalId,
        relationship: 'mentioned in',
        application: { name: 'GitHub' },
        object: {
          url: 'https://github.com/acme/shop/pull/42',
          title: 'PR #42',
          summary: 'first',
          status: { resolved: false }
        }
      }
    })
    expect(created.status).toBe(201)
    const updated = await jira(path, {
      method: 'POST',
      body: {
        globalId,
        object: { url: 'https://github.com/acme/shop/pull/42', title: 'PR #42 (merged)' }
      }
    })
    expect(updated.status).toBe(200)
    expect(updated.body.id).toBe(created.body.id)
    const links = await jira(path)
    expect(links.body).toHaveLength(1)
    expect(links.body[0]).toEqual({
      id: created.body.id,
      self: expect.any(String),
      globalId,
      object: { url: 'https://github.com/acme/shop/pull/42', title: 'PR #42 (merged)' }
    })
    expect(issue('SHOP-1').remoteLinks[0]).toMatchObject({
      relationship: null,
      application: null,
      object: { summary: null, status: null }
    })
    expect((await jira(`${path}?globalId=${encodeURIComponent(globalId)}`)).body.object.title).toBe(
      'PR #42 (merged)'
    )
  })

  test('a link needs object.url and object.title; globalId is at most 255 characters', async () => {
    expect((await jira(path, { method: 'POST', body: { object: { url: 'x' } } })).body).toEqual({
      errorMessages: ['body.object.title is required.'],
      errors: {}
    })
    expect(
      (await jira(path, { method: 'POST', body: { object: { url: '', title: 'y' } } })).body
    ).toEqual({ errorMessages: [], errors: { url: "'url' is required." } })
    expect(
      (
        await jira(path, {
          method: 'POST',
          body: { globalId: 'g'.repeat(256), object: { url: 'x', title: 'y' } }
        })
      ).status
    ).toBe(400)
    expect(
      (await jira(path, { method: 'POST', body: { globalId: 'x' } })).body.errorMessages
    ).toEqual(['body.object is required.'])
  })

  test('DELETE ?globalId= removes it; a second DELETE is 404; globalId is required', async () => {
    expect(
      (await jira(`${path}?globalId=${encodeURIComponent(globalId)}`, { method: 'DELETE' })).status
    ).toBe(204)
    expect(issue('SHOP-1').remoteLinks).toEqual([])
    expect(
      (await jira(`${path}?globalId=${encodeURIComponent(globalId)}`, { method: 'DELETE' })).status
    ).toBe(404)
    expect((await jira(path, { method: 'DELETE' })).status).toBe(400)
  })
})

describe('comments', () => {
  const path = '/rest/api/3/issue/SHOP-2/comment'

  test('ADF is checked: a string or a broken document is refused', async () => {
    expect(
      (await jira(path, { method: 'POST', body: { body: 'wiki *markup*' } })).body.errors.comment
    ).toMatch(/Atlassian Document/)
    expect(
      (
        await jira(path, {
          method: 'POST',
          body: { body: { type: 'doc', version: 2, content: [] } }
        })
      ).body.errors.comment
    ).toBe('INVALID_INPUT')
    const badNode = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }]
    }
    expect((await jira(path, { method: 'POST', body: { body: badNode } })).status).toBe(400)
  })

  test('over 32,767 characters is refused; just under is accepted', async () => {
    const long = await jira(path, {
      method: 'POST',
      body: { body: adfFromText('x'.repeat(32_767)) }
    })
    expect(long).toMatchObject({
      status: 400,
      body: {
        errors: {
          comment:
            'The entered text is too long. It exceeds the allowed limit of 32,767 characters.'
        }
      }
    })
    const ok = await jira(path, { method: 'POST', body: { body: adfFromText('y'.repeat(32_600)) } })
    expect(ok.status).toBe(201)
  })

  test('add, edit, list; visibility must name a real role', async () => {
    const added = await jira(path, {
      method: 'POST',
      body: {
        body: adfFromText('Merged in #42'),
        visibility: { type: 'role', value: 'Developers' }
      }
    })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({
      author: { accountId: 'u-bot' },
      visibility: { type: 'role', value: 'Developers' }
    })
    const edited = await jira(`${path}/${added.body.id}`, {
      method: 'PUT',
      body: { body: adfFromText('Merged in #42 (edited)') }
    })
    expect(edited.status).toBe(200)
    expect((issue('SHOP-2').comments.at(-1)!.body as AdfDoc).content[0]!.content![0]!.text).toBe(
      'Merged in #42 (edited)'
    )
    expect(
      (await jira(`${path}/999999`, { method: 'PUT', body: { body: adfFromText('x') } })).status
    ).toBe(404)
    expect(
      (
        await jira(path, {
          method: 'POST',
          body: { body: adfFromText('x'), visibility: { type: 'role', value: 'Wizards' } }
        })
      ).status
    ).toBe(400)
    const list = await jira(`${path}?maxResults=1&startAt=0`)
    expect(list.body).toMatchObject({ startAt: 0, maxResults: 1, total: 2 })
  })
})

describe('transitions', () => {
  test('only the transitions of the workflow from the current status are offered and allowed', async () => {
    const r = await jira('/rest/api/3/issue/SHOP-12/transitions')
    expect(r.body.transitions.map((t: { name: string }) => t.name).sort()).toEqual([
      'Done',
      'Submit for review',
      'To Do'
    ])
    expect(
      (
        await jira('/rest/api/3/issue/SHOP-12/transitions', {
          method: 'POST',
          body: { transition: { id: '51' } }
        })
      ).body
    ).toEqual({
      errorMessages: ["Transition id '51' is not valid for this issue."],
      errors: {}
    })
    expect(
      (
        await jira('/rest/api/3/issue/SHOP-12/transitions', {
          method: 'POST',
          body: { transition: { id: '31' } }
        })
      ).status
    ).toBe(204)
    expect(issue('SHOP-12').status).toBe('In Review')
    expect(sandbox().state.jira.transitionsDone.at(-1)).toMatchObject({
      issue: 'SHOP-12',
      from: 'In Progress',
      to: 'In Review',
      by: 'u-bot'
    })
  })

  test('a screen: listed with expand=transitions.fields; its required field must be set, only its fields may be', async () => {
    expect(issue('SHOP-12').status).toBe('In Review')
    const listed = await jira('/rest/api/3/issue/SHOP-12/transitions?expand=transitions.fields')
    const byName = (name: string) =>
      listed.body.transitions.find((t: { name: string }) => t.name === name)
    expect(byName('Done')).toMatchObject({
      hasScreen: true,
      fields: {
        resolution: {
          key: 'resolution',
          name: 'Resolution',
          required: true,
          hasDefaultValue: false,
          allowedValues: [
            { id: '10000', name: 'Done' },
            { id: '10001', name: "Won't Do" },
            { id: '10002', name: 'Duplicate' },
            { id: '10003', name: 'Cannot Reproduce' }
          ]
        }
      }
    })
    expect(byName('Start progress')).toMatchObject({ hasScreen: false, fields: {} })
    expect((await jira('/rest/api/3/issue/SHOP-12/transitions')).body.transitions[0].fields).toBe(
      undefined
    )

    const post = (body: unknown) =>
      jira('/rest/api/3/issue/SHOP-12/transitions', { method: 'POST', body })
    expect((await post({ transition: { id: '41' } })).body).toEqual({
      errorMessages: [],
      errors: { resolution: 'Resolution is required.' }
    })
    expect(
      (await post({ transition: { id: '41' }, fields: { resolution: { name: 'Fixed' } } })).body
    ).toEqual({
      errorMessages: [],
      errors: { resolution: "Could not find valid 'id' or 'name' in resolution object." }
    })
    expect(
      (await post({ transition: { id: '21' }, fields: { resolution: { name: 'Done' } } })).body
    ).toEqual({
      errorMessages: [],
      errors: {
        resolution:
          "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown."
      }
    })
    expect(issue('SHOP-12').status).toBe('In Review') // moved there by the test above
    const done = await post({ transition: { id: '41' }, fields: { resolution: { name: 'Done' } } })
    expect(done.status).toBe(204)
    expect(issue('SHOP-12').status).toBe('Done')
    expect(sandbox().state.jira.transitionsDone.at(-1)).toMatchObject({
      issue: 'SHOP-12',
      to: 'Done',
      fields: { resolution: { name: 'Done' } }
    })
  })

  test('the simplified workflow allows every status', async () => {
    const r = await jira('/rest/api/3/issue/OPS-1/transitions')
    expect(r.body.transitions.every((t: { isGlobal: boolean }) => t.isGlobal)).toBe(true)
  })
})

test('create an issue, link it, read watchers and properties', async () => {
  const created = await jira('/rest/api/3/issue', {
    method: 'POST',
    body: {
      fields: {
        project: { key: 'SHOP' },
        issuetype: { name: 'Task' },
        summary: 'Follow-up: round shipping',
        description: adfFromText('From PR #42'),
        labels: ['follow-up'],
        components: [{ name: 'Cart' }]
      },
      update: {
        issuelinks: [{ add: { type: { name: 'Relates' }, outwardIssue: { key: 'SHOP-12' } } }]
      }
    }
  })
  expect(created.status).toBe(201)
  expect(created.body.key).toBe('SHOP-61')
  expect(sandbox().state.jira.createdIssues).toEqual(['SHOP-61'])
  expect(sandbox().state.jira.issueLinks).toContainEqual(
    expect.objectContaining({ type: 'Relates', inward: 'SHOP-61', outward: 'SHOP-12' })
  )

  const link = (type: string) =>
    jira('/rest/api/3/issueLink', {
      method: 'POST',
      body: {
        type: { name: type },
        inwardIssue: { key: 'SHOP-61' },
        outwardIssue: { key: 'SHOP-16' }
      }
    })
  expect((await link('Blocks')).status).toBe(201)
  expect((await link('Nope')).status).toBe(404)
  const got = await jira('/rest/api/3/issue/SHOP-61?fields=issuelinks,watches')
  expect(got.body.fields.issuelinks).toHaveLength(2)

  const watchers = await jira('/rest/api/3/issue/SHOP-12/watchers')
  expect(watchers.body.watchCount).toBe(5)
  expect(
    watchers.body.watchers.find((w: { accountId: string }) => w.accountId === 'u-dana').emailAddress
  ).toBeUndefined()

  const prop = '/rest/api/3/issue/SHOP-12/properties/gitar-jira'
  expect((await jira(prop)).status).toBe(404)
  expect((await jira(prop, { method: 'PUT', body: { prs: [42] } })).status).toBe(201)
  expect((await jira(prop, { method: 'PUT', body: { prs: [42, 43] } })).status).toBe(200)
  expect((await jira(prop)).body).toEqual({ key: 'gitar-jira', value: { prs: [42, 43] } })
})

test('projects, link types and server info', async () => {
  const projects = await jira('/rest/api/3/project/search?keys=SHOP&keys=OPS')
  expect(projects.body.values.map((p: { key: string }) => p.key)).toEqual(['SHOP', 'OPS'])
  expect(
    (await jira('/rest/api/3/issueLinkType')).body.issueLinkTypes.map(
      (t: { name: string }) => t.name
    )
  ).toContain('Relates')
  expect((await jira('/rest/api/3/serverInfo')).body.deploymentType).toBe('Cloud')
})
