/** `PUT issue/{key}` (editIssue) in both flavours: labels added, removed and set, as JQL then sees them. */
import { ACME } from '../../sandbox/index.js'
import { useSandbox, type Init } from './client.js'

const cloud = useSandbox()
const dc = useSandbox({ flavour: 'data-center' })
const PAT = `Bearer ${ACME.jiraPat}`

type Flavour = {
  name: string
  edit: (key: string, body: unknown, query?: string) => ReturnType<typeof cloud.jira>
  labelled: (label: string) => Promise<string[]>
  labels: (key: string) => string[]
  updated: (key: string) => string
}

const flavour = (name: string, s: typeof cloud, api: string, init: Init): Flavour => {
  const issue = (key: string) => s.sandbox().state.jira.issues.find((i) => i.key === key)!
  return {
    name,
    edit: (key, body, query = '') =>
      s.jira(`${api}/issue/${key}${query}`, { ...init, method: 'PUT', body }),
    labelled: async (label) => {
      const path = api.endsWith('/2') ? `${api}/search` : `${api}/search/jql`
      const r = await s.jira(path, {
        ...init,
        method: 'POST',
        body: { jql: `labels = "${label}" ORDER BY key`, fields: ['summary'] }
      })
      expect(r.status).toBe(200)
      return r.body.issues.map((i: { key: string }) => i.key)
    },
    labels: (key) => issue(key).labels,
    updated: (key) => issue(key).updated
  }
}

describe.each([
  flavour('Cloud (v3)', cloud, '/rest/api/3', {}),
  flavour('Data Center (v2)', dc, '/rest/api/2', { auth: PAT })
])('$name', (f) => {
  test('update.labels add: 204, the label is on the issue and a JQL search finds it', async () => {
    expect(f.labels('SHOP-3')).toEqual(['bug'])
    expect(await f.labelled('gitar-jira-todo-1')).toEqual([])
    const before = f.updated('SHOP-3')

    const r = await f.edit('SHOP-3', {
      update: { labels: [{ add: 'gitar-jira-todo-1' }, { add: 'triaged' }] }
    })

    expect(r.status).toBe(204)
    expect(r.body).toBeUndefined()
    expect(f.labels('SHOP-3')).toEqual(['bug', 'gitar-jira-todo-1', 'triaged'])
    expect(f.updated('SHOP-3')).not.toBe(before)
    expect(await f.labelled('gitar-jira-todo-1')).toEqual(['SHOP-3'])
    expect(await f.labelled('triaged')).toEqual(['SHOP-3'])
  })

  test('adding a label the issue has already changes nothing', async () => {
    const r = await f.edit('SHOP-3', { update: { labels: [{ add: 'triaged' }] } })
    expect(r.status).toBe(204)
    expect(f.labels('SHOP-3')).toEqual(['bug', 'gitar-jira-todo-1', 'triaged'])
  })

  test('update.labels remove takes the label off; JQL no longer finds the issue by it', async () => {
    const r = await f.edit('SHOP-3', {
      update: { labels: [{ remove: 'triaged' }, { remove: 'never-there' }] }
    })
    expect(r.status).toBe(204)
    expect(f.labels('SHOP-3')).toEqual(['bug', 'gitar-jira-todo-1'])
    expect(await f.labelled('triaged')).toEqual([])
    expect(await f.labelled('bug')).toContain('SHOP-3')
  })

  test('fields.labels sets the whole list', async () => {
    const r = await f.edit('SHOP-4', { fields: { labels: ['ops', 'outbound-mail'] } })
    expect(r.status).toBe(204)
    expect(f.labels('SHOP-4')).toEqual(['ops', 'outbound-mail'])
    expect(await f.labelled('outbound-mail')).toEqual(['SHOP-4'])
  })

  test('an unknown issue is 404 with Jira’s message', async () => {
    const r = await f.edit('SHOP-999', { update: { labels: [{ add: 'x' }] } })
    expect(r.status).toBe(404)
    expect(r.body.errorMessages).toEqual([
      'Issue does not exist or you do not have permission to see it.'
    ])
  })

  test('a label with a space, a field not on the edit screen, or a field both set and updated is 400 and changes nothing', async () => {
    const before = [...f.labels('SHOP-5')]
    const spaced = await f.edit('SHOP-5', { update: { labels: [{ add: 'two words' }] } })
    expect(spaced.status).toBe(400)
    expect(spaced.body.errors.labels).toBe(
      "The label 'two words' contains spaces which is invalid."
    )

    const offScreen = await f.edit('SHOP-5', {
      fields: { resolution: { name: 'Done' } },
      update: { labels: [{ add: 'ok' }] }
    })
    expect(offScreen.status).toBe(400)
    expect(offScreen.body.errors.resolution).toMatch(/not on the appropriate screen/)

    const both = await f.edit('SHOP-5', {
      fields: { labels: ['a'] },
      update: { labels: [{ add: 'b' }] }
    })
    expect(both.status).toBe(400)
    expect(both.body.errors.labels).toMatch(/both/)
    expect(f.labels('SHOP-5')).toEqual(before)
  })
})

test('Data Center (no schema there): the handler refuses operations that are not a list', async () => {
  const f = flavour('dc', dc, '/rest/api/2', { auth: PAT })
  const r = await f.edit('SHOP-6', { update: { labels: { add: 'x' } } })
  expect(r.status).toBe(400)
  expect(r.body.errors).toEqual({ labels: "The operations on 'labels' must be a list." })
  expect(f.labels('SHOP-6')).not.toContain('x')
})

describe('Cloud: the request is checked against the editIssue operation', () => {
  const f = flavour('cloud', cloud, '/rest/api/3', {})

  test.each([
    [{ update: { labels: [{ append: 'x' }] } }, 'Unrecognized field "append".'],
    [{ update: { labels: { add: 'x' } } }, 'body.update.labels must be of type array, not object.'],
    [{ fields: ['labels'] }, 'body.fields must be of type object, not array.']
  ])('%j is 400 (%s) and changes nothing', async (body, message) => {
    const before = [...f.labels('SHOP-6')]
    const r = await f.edit('SHOP-6', body)
    expect(r.status).toBe(400)
    expect(r.body.errorMessages).toEqual([message])
    expect(f.labels('SHOP-6')).toEqual(before)
    expect(cloud.sandbox().requests.at(-1)).toMatchObject({
      method: 'PUT',
      operationId: 'editIssue',
      status: 400
    })
  })

  test('a missing body is 400; an unknown query parameter is 400', async () => {
    const noBody = await cloud.jira('/rest/api/3/issue/SHOP-6', { method: 'PUT' })
    expect(noBody.status).toBe(400)
    expect(noBody.body.errorMessages).toEqual(['A request body is required.'])
    const typo = await f.edit('SHOP-6', { update: { labels: [{ add: 'x' }] } }, '?notify=false')
    expect(typo.status).toBe(400)
    expect(f.labels('SHOP-6')).not.toContain('x')
  })

  test('returnIssue=true answers 200 with the edited issue', async () => {
    const r = await f.edit('SHOP-6', { update: { labels: [{ add: 'seen' }] } }, '?returnIssue=true')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      key: 'SHOP-6',
      fields: { labels: expect.arrayContaining(['seen']) }
    })
  })
})
