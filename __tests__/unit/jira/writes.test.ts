/**
 * The Jira adapter at the HTTP boundary for the transitions and merge-summary rules: what Jira
 * receives (the transition id, a valid ADF comment, visibility, the property) and how its answers
 * (400 on a transition screen, 404 for a deleted comment or an absent property) come back.
 */
import { jest } from '@jest/globals'
import nock from 'nock'
import { adfShapeProblems } from '../../helpers/adf-shape.js'
import { recorder } from '../../helpers/recorder.js'
import { connectedJira as port, SITE } from './helpers.js'

const { fromMarkdownText } = await import('../../../src/richtext/markdown.js')
const { toAdf } = await import('../../../src/richtext/adf.js')
const { fitSummary } = await import('../../../src/rules/merge-summary/summary.js')
const { cartRounding, huge, RICH_BODY, MERGED } = await import('../rules/merge-summary/shapes.js')
const { prFacts } = await import('../../helpers/facts.js')

beforeEach(() => jest.clearAllMocks())

const status = (id: string, name: string, key: string) => ({
  self: `${SITE}/rest/api/3/status/${id}`,
  description: '',
  iconUrl: `${SITE}/images/icons/statuses/generic.png`,
  name,
  id,
  statusCategory: {
    self: `${SITE}/rest/api/3/statuscategory/4`,
    id: 4,
    key,
    colorName: 'yellow',
    name
  }
})

/** A transition as GET /issue/{key}/transitions lists it. */
const transition = (id: string, name: string, to: ReturnType<typeof status>, screen = false) => ({
  id,
  name,
  to,
  hasScreen: screen,
  isGlobal: screen,
  isInitial: false,
  isAvailable: true,
  isConditional: false,
  isLooped: false
})

/** A field of a transition screen as `expand=transitions.fields` lists it (FieldMetadata). */
const field = (key: string, name: string, required: boolean, extra: object = {}) => ({
  required,
  schema: { type: key, system: key },
  name,
  key,
  hasDefaultValue: false,
  operations: ['set'],
  ...extra
})

const resolution = (id: string, name: string) => ({
  self: `${SITE}/rest/api/3/resolution/${id}`,
  id,
  name
})

const TRANSITIONS = {
  expand: 'transitions',
  transitions: [
    transition('11', 'Back to To Do', status('10000', 'To Do', 'new')),
    transition('31', 'Review', status('10002', 'In Review', 'indeterminate')),
    {
      ...transition('41', 'Done', status('10003', 'Done', 'done'), true),
      fields: {
        resolution: field('resolution', 'Resolution', true, {
          allowedValues: [resolution('10000', 'Done'), resolution('10001', "Won't Do")]
        }),
        comment: field('comment', 'Comment', false),
        customfield_10020: field('customfield_10020', 'Sprint', true, { hasDefaultValue: true })
      }
    }
  ]
}

function commentJson(id: string, body: unknown) {
  const user = {
    self: `${SITE}/rest/api/3/user?accountId=5b10a2844c20165700ede21g`,
    accountId: '5b10a2844c20165700ede21g',
    displayName: 'gitar-jira',
    active: true
  }
  return {
    self: `${SITE}/rest/api/3/issue/10010/comment/${id}`,
    id,
    author: user,
    body,
    updateAuthor: user,
    created: '2026-11-20T14:03:00.000+0000',
    updated: '2026-11-20T14:03:00.000+0000',
    jsdPublic: true
  }
}

describe('transitions at the HTTP boundary', () => {
  test('GET transitions: each with the status it leads to and the fields of its screen', async () => {
    const jira = await port()
    nock(SITE)
      .get('/rest/api/3/issue/SHOP-12/transitions')
      .query({ expand: 'transitions.fields' })
      .reply(200, TRANSITIONS)
    expect(await jira.getTransitions('SHOP-12')).toEqual([
      { id: '11', name: 'Back to To Do', to: { id: '10000', name: 'To Do', category: 'new' } },
      {
        id: '31',
        name: 'Review',
        to: { id: '10002', name: 'In Review', category: 'indeterminate' }
      },
      {
        id: '41',
        name: 'Done',
        to: { id: '10003', name: 'Done', category: 'done' },
        screen: [
          {
            key: 'resolution',
            name: 'Resolution',
            required: true,
            hasDefault: false,
            allowed: ['Done', "Won't Do"]
          },
          { key: 'comment', name: 'Comment', required: false, hasDefault: false },
          { key: 'customfield_10020', name: 'Sprint', required: true, hasDefault: true }
        ]
      }
    ])
  })

  test('a screen field of an odd shape is skipped, not the transition', async () => {
    const jira = await port()
    const done = TRANSITIONS.transitions[2]!
    nock(SITE)
      .get('/rest/api/3/issue/SHOP-12/transitions')
      .query(true)
      .reply(200, {
        transitions: [
          {
            ...done,
            fields: {
              resolution: { required: 'yes' },
              labels: field('labels', 'Labels', true, { defaultValue: { name: 'x' } })
            }
          }
        ]
      })
    expect(await jira.getTransitions('SHOP-12')).toEqual([
      {
        id: '41',
        name: 'Done',
        to: { id: '10003', name: 'Done', category: 'done' },
        screen: [{ key: 'labels', name: 'Labels', required: true, hasDefault: false }]
      }
    ])
  })

  test('POST transitions carries the chosen id, nothing else', async () => {
    const jira = await port()
    const post = recorder()
    nock(SITE).post('/rest/api/3/issue/SHOP-12/transitions', post.match).reply(204)
    expect(await jira.transitionIssue('SHOP-12', '41')).toEqual({ ok: true })
    expect(post.sent).toEqual([{ transition: { id: '41' } }])
  })

  test('POST transitions with a resolution sets it by name on the screen', async () => {
    const jira = await port()
    const post = recorder()
    nock(SITE).post('/rest/api/3/issue/SHOP-12/transitions', post.match).reply(204)
    expect(
      await jira.transitionIssue('SHOP-12', '41', { resolution: "Won't Do", prefer: ["Won't Do"] })
    ).toEqual({ ok: true })
    expect(post.sent).toEqual([
      { transition: { id: '41' }, fields: { resolution: { name: "Won't Do" } } }
    ])
  })

  test('a transition screen with a required field: 400 becomes an outcome with Jira’s message', async () => {
    const jira = await port()
    nock(SITE)
      .post('/rest/api/3/issue/SHOP-12/transitions')
      .reply(400, { errorMessages: [], errors: { resolution: 'Resolution is required.' } })
    expect(await jira.transitionIssue('SHOP-12', '41')).toEqual({
      ok: false,
      reason: 'resolution: Resolution is required.',
      fields: ['resolution']
    })
  })

  test('403 is still an error: a permission to fix, named', async () => {
    const jira = await port()
    nock(SITE)
      .post('/rest/api/3/issue/SHOP-12/transitions')
      .reply(403, { errorMessages: ['nope'] })
    await expect(jira.transitionIssue('SHOP-12', '41')).rejects.toThrow(/Transition issues/)
  })
})

describe('comments at the HTTP boundary: Jira receives valid ADF', () => {
  const bodies = {
    'acme #42 summary': () =>
      fitSummary({ pr: cartRounding(), repo: 'acme/shop', strength: 'resolves', followUps: [] }),
    'a huge PR': () =>
      fitSummary({ pr: huge(), repo: 'acme/shop', strength: 'references', followUps: [] }),
    'HTML, links, code': () =>
      fitSummary({
        pr: prFacts({ ...MERGED, body: RICH_BODY }),
        repo: 'acme/shop',
        strength: 'resolves',
        followUps: []
      }),
    'markdown edge cases': () =>
      fromMarkdownText(
        '- a\n  > quote in a list\n  # heading in a list\n\n  | t | u |\n  |---|---|\n  | 1 | 2 |\n\n> # heading in a quote\n> > nested quote\n> ---\n\n`**code** [x](https://x.test)`\n\n1) one\n\n***\n\n```\n\n```\n'
      )
  }

  test.each(Object.keys(bodies))(
    '%s: POST /comment with an ADF doc Jira accepts, under the limit',
    async (name) => {
      const jira = await port()
      const post = recorder<{ body?: unknown; visibility?: unknown }>()
      nock(SITE)
        .post('/rest/api/3/issue/SHOP-12/comment', post.match)
        .reply(201, commentJson('10500', { type: 'doc', version: 1, content: [] }))
      const id = await jira.addComment('SHOP-12', {
        body: bodies[name as keyof typeof bodies](),
        visibility: { type: 'role', value: 'Developers' }
      })
      expect(id).toBe('10500')
      const sent = post.sent[0]!
      expect(adfShapeProblems(sent.body)).toEqual([])
      expect(JSON.stringify(sent.body).length).toBeLessThan(32_767)
      expect(sent.visibility).toEqual({ type: 'role', value: 'Developers' })
    }
  )

  test('PUT edits in place without notifying watchers again; no visibility sent when none is set', async () => {
    const jira = await port()
    const put = recorder<Record<string, unknown>>()
    nock(SITE)
      .get('/rest/api/3/issue/SHOP-12/comment/10500')
      .reply(200, commentJson('10500', { type: 'doc', version: 1, content: [] }))
      .put('/rest/api/3/issue/SHOP-12/comment/10500', put.match)
      .query({ notifyUsers: 'false' })
      .reply(200, commentJson('10500', { type: 'doc', version: 1, content: [] }))
    const body = fromMarkdownText('**hi**')
    expect(await jira.updateComment('SHOP-12', '10500', { body, visibility: null })).toBe(true)
    expect(Object.keys(put.sent[0]!)).toEqual(['body'])
    expect(adfShapeProblems(put.sent[0]!.body)).toEqual([])
  })

  test('a comment that already says the same is not written again (a later event on a merged PR)', async () => {
    const jira = await port()
    const body = fromMarkdownText('**hi** [docs](https://x.test)')
    const visibility = { type: 'role' as const, value: 'Developers' }
    const scope = nock(SITE)
      .get('/rest/api/3/issue/SHOP-12/comment/10500')
      .times(2)
      .reply(200, {
        ...commentJson('10500', toAdf(body)),
        visibility: { ...visibility, identifier: '10002' }
      })
    expect(await jira.updateComment('SHOP-12', '10500', { body })).toBe(true)
    expect(await jira.updateComment('SHOP-12', '10500', { body, visibility })).toBe(true)
    // Nothing else was asked: no PUT (nock would refuse an unexpected request).
    expect(scope.isDone()).toBe(true)
  })

  test('a comment someone deleted: false, so a new one is added', async () => {
    const jira = await port()
    nock(SITE)
      .get('/rest/api/3/issue/SHOP-12/comment/10500')
      .reply(404, { errorMessages: ['Can not find a comment for key: 10500.'], errors: {} })
    expect(await jira.updateComment('SHOP-12', '10500', { body: fromMarkdownText('x') })).toBe(
      false
    )
  })
})

describe('deleting a comment at the HTTP boundary', () => {
  test('DELETE by id; one already gone is no error', async () => {
    const jira = await port()
    const scope = nock(SITE)
      .delete('/rest/api/3/issue/SHOP-12/comment/10500')
      .reply(204)
      .delete('/rest/api/3/issue/SHOP-12/comment/10501')
      .reply(404, { errorMessages: ['Can not find a comment for key: 10501.'], errors: {} })
    await jira.deleteComment('SHOP-12', '10500')
    await jira.deleteComment('SHOP-12', '10501')
    expect(scope.isDone()).toBe(true)
  })
  test('only a 404 is "already gone": a refusal is an error naming the permission', async () => {
    const jira = await port()
    nock(SITE)
      .delete('/rest/api/3/issue/SHOP-12/comment/10500')
      .reply(403, { errorMessages: ['nope'], errors: {} })
      .get('/rest/api/3/issue/SHOP-12/properties/gitar-jira.paths')
      .reply(403, { errorMessages: ['nope'], errors: {} })
    await expect(jira.deleteComment('SHOP-12', '10500')).rejects.toThrow(/Add comments/)
    await expect(jira.getIssueProperty('SHOP-12', 'gitar-jira.paths')).rejects.toThrow(
      /Browse projects/
    )
  })
})

describe('issue properties at the HTTP boundary', () => {
  test('absent: null; present: its value; written as the JSON body', async () => {
    const jira = await port()
    nock(SITE)
      .get('/rest/api/3/issue/SHOP-12/properties/gitar-jira.merge-summary')
      .reply(404, {
        errorMessages: ["The property with key 'gitar-jira.merge-summary' does not exist."],
        errors: {}
      })
      .get('/rest/api/3/issue/SHOP-13/properties/gitar-jira.merge-summary')
      .reply(200, {
        key: 'gitar-jira.merge-summary',
        value: { 'https://github.com/acme/shop/pull/42': '10500' }
      })
    expect(await jira.getIssueProperty('SHOP-12', 'gitar-jira.merge-summary')).toBeNull()
    expect(await jira.getIssueProperty('SHOP-13', 'gitar-jira.merge-summary')).toEqual({
      'https://github.com/acme/shop/pull/42': '10500'
    })
    const put = recorder()
    nock(SITE)
      .put('/rest/api/3/issue/SHOP-12/properties/gitar-jira.merge-summary', put.match)
      .reply(201)
    await jira.setIssueProperty('SHOP-12', 'gitar-jira.merge-summary', { a: '1' })
    expect(put.sent).toEqual([{ a: '1' }])
  })
})
