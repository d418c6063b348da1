/** The sandbox's Data Center mode: users by username and user key, JQL by username, wiki text. */
import { ACME } from '../../sandbox/index.js'
import { useSandbox } from './client.js'

const PAT = `Bearer ${ACME.jiraPat}`
const { jira } = useSandbox({ flavour: 'data-center' })
const dc = (path: string, init: Parameters<typeof jira>[1] = {}) =>
  jira(`/rest/api/2/${path}`, { auth: PAT, ...init })

describe('users', () => {
  test('are answered with a key and a name; a newer user has a JIRAUSER key', async () => {
    const r = await dc('issue/SHOP-51?fields=assignee')
    expect(r.body.fields.assignee).toMatchObject({
      key: ACME.danaUserKey,
      name: 'dkowalski',
      displayName: 'Dana Kowalski'
    })
    expect(r.body.fields.assignee.accountId).toBeUndefined()
  })

  test('GET user by username (any case) or by key; each only by what it names', async () => {
    for (const query of ['username=DKowalski', `key=${ACME.danaUserKey}`]) {
      const r = await dc(`user?${query}`)
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ key: ACME.danaUserKey, name: 'dkowalski' })
    }
    expect((await dc(`user?username=${ACME.danaUserKey}`)).status).toBe(404)
    expect((await dc('user?key=dkowalski')).body.errorMessages).toEqual([
      "The user with the key 'dkowalski' does not exist"
    ])
    expect((await dc('user')).status).toBe(400)
  })

  test('JQL names a user by username or email, not by key or accountId', async () => {
    const search = (jql: string) =>
      dc('search', { method: 'POST', body: { jql, fields: ['summary'] } })
    const byName = await search('project = SHOP AND assignee = dkowalski')
    expect(byName.status).toBe(200)
    expect(byName.body.issues.map((i: { key: string }) => i.key)).toContain('SHOP-51')
    for (const who of [ACME.danaUserKey, 'u-dana']) {
      const r = await search(`project = SHOP AND assignee = "${who}"`)
      expect(r.status).toBe(400)
      expect(r.body.errorMessages).toEqual([
        `The value '${who}' does not exist for the field 'assignee'.`
      ])
    }
  })
})

test('seeded descriptions and comments are served as text (wiki markup), not ADF', async () => {
  const r = await dc('issue/SHOP-12?fields=description,comment')
  expect(r.body.fields.description).toEqual(expect.stringContaining('one cent'))
  const [comment] = r.body.fields.comment.comments
  expect(comment.body).toBe('Reproduced with three lines at 15% off: 0.01 difference.')
  const one = await dc(`issue/SHOP-12/comment/${comment.id}`)
  expect(one.body).toMatchObject({ id: comment.id, body: comment.body })
  expect((await dc('issue/SHOP-12/comment/1')).status).toBe(404)
})
