import { jest } from '@jest/globals'
import type { Action } from '../../../src/plan/actions.js'
import { applyActions, type Writers } from '../../../src/plan/apply.js'
import {
  indexValue,
  MAX_PROPERTY_BYTES,
  readCommentIndex,
  readDigests
} from '../../../src/jira/property.js'

const link: Action = {
  type: 'jira.upsertRemoteLink',
  rule: 'auto-link',
  issueKey: 'ABC-1',
  link: { globalId: 'gitar-jira:u', url: 'u', title: 't', relationship: 'pull request' }
}
const unlink: Action = {
  type: 'jira.deleteRemoteLink',
  rule: 'auto-link',
  issueKey: 'ABC-2',
  globalId: 'gitar-jira:u'
}
const title: Action = {
  type: 'github.updatePrTitle',
  rule: 'auto-link',
  prNumber: 42,
  title: 'ABC-1: x',
  from: 'x'
}

function writers(failOn?: string): Writers & { calls: string[] } {
  const calls: string[] = []
  const record = (name: string) =>
    jest.fn(async (...args: unknown[]) => {
      calls.push(`${name} ${String(args[0])}`)
      if (failOn === name) throw new Error(`${name} refused`)
    })
  return {
    calls,
    jira: {
      upsertRemoteLink: record('upsertRemoteLink'),
      deleteRemoteLink: record('deleteRemoteLink'),
      transitionIssue: jest.fn(async () => ({ ok: true as const })),
      addComment: jest.fn(async () => '1'),
      updateComment: jest.fn(async () => true),
      deleteComment: record('deleteComment'),
      getIssueProperty: jest.fn(async () => null as unknown),
      setIssueProperty: jest.fn(async () => undefined),
      createIssue: jest.fn(async () => ({
        key: 'ABC-9',
        id: '10009',
        url: 'https://x/browse/ABC-9'
      })),
      addLabels: record('addLabels'),
      linkIssues: record('linkIssues')
    },
    github: {
      updatePrTitle: jest.fn(async (...args: unknown[]) => {
        calls.push(`updatePrTitle ${String(args[0])}`)
        return true
      }),
      replyToThread: record('replyToThread'),
      requestReviewers: jest.fn(async () => ({ ok: true as const }))
    }
  }
}

describe('applyActions: the single write point', () => {
  test('writes each action in order', async () => {
    const w = writers()
    const applied = await applyActions([link, unlink, title], w, { dryRun: false })
    expect(w.calls).toEqual([
      'upsertRemoteLink ABC-1',
      'deleteRemoteLink ABC-2',
      'updatePrTitle 42'
    ])
    expect(applied.map((a) => a.status)).toEqual(['done', 'done', 'done'])
  })

  test('an issue property is written whole, as the rule planned it; a dry run only says so', async () => {
    const remember: Action = {
      type: 'jira.setIssueProperty',
      rule: 'auto-link',
      issueKey: 'ABC-1',
      what: 'the files acme/shop#42 changed',
      property: 'gitar-jira.paths',
      value: { 'https://github.com/acme/shop/pull/42': ['src/cart.ts'] },
      optional: true
    }
    const w = writers()
    await applyActions([remember], w, { dryRun: false })
    expect(w.jira.setIssueProperty).toHaveBeenCalledWith('ABC-1', 'gitar-jira.paths', {
      'https://github.com/acme/shop/pull/42': ['src/cart.ts']
    })
    const dry = writers()
    const applied = await applyActions([remember], dry, { dryRun: true })
    expect(dry.jira.setIssueProperty).not.toHaveBeenCalled()
    expect(applied[0]?.status).toBe('would')

    // Refused (no Edit issues): only later runs lose; this one stays green.
    const refused = writers()
    refused.jira.setIssueProperty = jest.fn(async () => {
      throw new Error('Jira refused to write issue properties: grant Edit issues')
    })
    const [result] = await applyActions([remember], refused, { dryRun: false })
    expect(result).toMatchObject({
      status: 'warned',
      warning: 'Jira refused to write issue properties: grant Edit issues'
    })
  })

  test('a dry run writes nothing and says what it would do', async () => {
    const w = writers()
    const applied = await applyActions([link, unlink, title], w, { dryRun: true })
    expect(w.calls).toEqual([])
    expect(applied.map((a) => a.status)).toEqual(['would', 'would', 'would'])
  })

  test('links are written five at a time, each on its own: one refused stops none of the others', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `ABC-${i + 1}`)
    const relink: Action = {
      type: 'jira.linkIssues',
      rule: 'follow-ups',
      issueKey: 'ABC-99',
      linkType: 'Relates',
      keys,
      attempt: 1
    }
    const w = writers()
    let inFlight = 0
    const most: number[] = []
    const linked: string[] = []
    w.jira.linkIssues = jest.fn(async (_type: string, _from: string, to: string) => {
      most.push(++inFlight)
      await new Promise((resolve) => setTimeout(resolve, 5))
      inFlight--
      if (to === 'ABC-7') throw new Error('Jira refused to link issues: grant Link issues')
      linked.push(to)
    })
    const [result] = await applyActions([relink], w, { dryRun: false })
    expect(Math.max(...most)).toBe(5)
    expect(linked.sort()).toEqual(keys.filter((k) => k !== 'ABC-7').sort())
    expect(result).toMatchObject({
      status: 'warned',
      warning: 'could not link ABC-99 to ABC-7: Jira refused to link issues: grant Link issues',
      linkFailed: ['ABC-7']
    })
  })

  test('a missed "relates to" link: each link on its own; one refused is a warning naming it', async () => {
    const relink: Action = {
      type: 'jira.linkIssues',
      rule: 'follow-ups',
      issueKey: 'ABC-9',
      linkType: 'Relates',
      keys: ['ABC-1', 'ABC-2'],
      attempt: 1
    }
    const w = writers()
    w.jira.linkIssues = jest.fn(async (_type: string, _from: string, to: string) => {
      if (to === 'ABC-1') throw new Error('Jira refused to link issues: grant Link issues')
    })
    const [result] = await applyActions([relink], w, { dryRun: false })
    expect(w.jira.linkIssues).toHaveBeenCalledWith('Relates', 'ABC-9', 'ABC-2')
    expect(result).toMatchObject({
      status: 'warned',
      warning: 'could not link ABC-9 to ABC-1: Jira refused to link issues: grant Link issues',
      linkFailed: ['ABC-1']
    })
  })

  test('one failed write is recorded and the others still happen', async () => {
    const w = writers('deleteRemoteLink')
    const applied = await applyActions([link, unlink, title], w, { dryRun: false })
    expect(w.calls).toHaveLength(3)
    expect(applied[1]).toEqual({
      action: unlink,
      status: 'failed',
      error: 'deleteRemoteLink refused',
      errorKind: 'other'
    })
  })
})

describe('applyActions: transitions and comments', () => {
  const transition: Action = {
    type: 'jira.transition',
    rule: 'transitions',
    issueKey: 'SHOP-12',
    transitionId: '41',
    from: 'In Progress',
    to: 'Done'
  }
  const body = {
    blocks: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'hi' }] }]
  }
  const comment = (commentId: string | null, known: Record<string, string> = {}): Action => ({
    type: 'jira.upsertComment',
    rule: 'merge-summary',
    issueKey: 'SHOP-12',
    what: 'the merge summary of acme/shop#42',
    body,
    visibility: { type: 'role', value: 'Developers' },
    commentId,
    index: {
      property: 'gitar-jira.merge-summary',
      entry: 'https://github.com/acme/shop/pull/42',
      known
    }
  })

  test('a transition posts its id; Jira refusing it (a screen with required fields) is a warning', async () => {
    const w = writers()
    w.jira.transitionIssue = jest.fn(async () => ({
      ok: false as const,
      reason: 'resolution: Resolution is required.',
      fields: ['resolution']
    }))
    const applied = await applyActions([transition], w, { dryRun: false })
    expect(w.jira.transitionIssue).toHaveBeenCalledWith('SHOP-12', '41', undefined)
    expect(applied).toEqual([
      {
        action: transition,
        status: 'warned',
        warning: 'resolution: Resolution is required.',
        refusal: { fields: ['resolution'] }
      }
    ])
  })

  test('a transition sends what its plan fills; a refusal keeps the fields Jira named', async () => {
    const w = writers()
    w.jira.transitionIssue = jest.fn(async () => ({
      ok: false as const,
      reason: 'customfield_10020: Sprint is required.',
      fields: ['customfield_10020']
    }))
    const fill = { resolution: 'Done', prefer: ['Done', 'Fixed'] }
    const planned: Action = { ...transition, fill } as Action
    const applied = await applyActions([planned], w, { dryRun: false })
    expect(w.jira.transitionIssue).toHaveBeenCalledWith('SHOP-12', '41', fill)
    expect(applied).toEqual([
      {
        action: planned,
        status: 'warned',
        warning: 'customfield_10020: Sprint is required.',
        refusal: { fields: ['customfield_10020'] }
      }
    ])
  })

  test('a layer that read the transitions again: the refusal is told from the live screen, the send from what it sent', async () => {
    const w = writers()
    const rootCause = {
      key: 'customfield_10050',
      name: 'Root cause',
      required: true,
      hasDefault: false
    }
    const live = [
      { id: '41', name: 'Done', to: { name: 'Done', category: 'done' }, screen: [rootCause] }
    ]
    w.jira.transitionIssue = jest.fn(async () => ({
      ok: false as const,
      reason: 'customfield_10050: Root cause is required.',
      fields: ['customfield_10050'],
      live,
      sent: { transitionId: '41', fill: { resolution: 'Fixed', prefer: ['Done', 'Fixed'] } }
    }))
    const planned = { ...transition, fill: { prefer: ['Done', 'Fixed'] } } as Action
    const [applied] = await applyActions([planned], w, { dryRun: false })
    expect(applied).toMatchObject({
      status: 'warned',
      sent: { resolution: 'Fixed' },
      refusal: {
        fields: ['customfield_10050'],
        unfilled: { transition: 'Done', fields: [rootCause] }
      }
    })
  })

  test('a workflow that no longer leads to the status: where the issue can go instead', async () => {
    const w = writers()
    w.jira.transitionIssue = jest.fn(async () => ({
      ok: false as const,
      reason: "Transition id '41' is not valid for this issue.",
      fields: [],
      live: [
        { id: '11', name: 'Back', to: { name: 'To Do' } },
        { id: '31', name: 'Review', to: { name: 'In Review' } }
      ]
    }))
    const [applied] = await applyActions([transition], w, { dryRun: false })
    expect(applied!.refusal).toEqual({
      fields: [],
      offered: [
        { id: '11', name: 'Back', to: { name: 'To Do' } },
        { id: '31', name: 'Review', to: { name: 'In Review' } }
      ]
    })
  })

  test('a title edited since the run read it: not overwritten, a warning instead', async () => {
    const w = writers()
    w.github.updatePrTitle = jest.fn(async () => false)
    const applied = await applyActions([title], w, { dryRun: false })
    expect(w.github.updatePrTitle).toHaveBeenCalledWith(42, 'ABC-1: x', 'x')
    expect(applied[0]).toMatchObject({
      status: 'warned',
      warning:
        'the title was edited since this run read it; the edit triggers a run that prefixes the new one'
    })
  })

  test('an issue already in the status: nothing is written', async () => {
    const w = writers()
    const stay: Action = { ...transition, transitionId: null, from: 'Done' }
    const applied = await applyActions([stay], w, { dryRun: false })
    expect(w.jira.transitionIssue).not.toHaveBeenCalled()
    expect(applied[0]!.status).toBe('done')
  })

  test('a first summary: the comment is added and its id remembered in the issue property', async () => {
    const w = writers()
    w.jira.addComment = jest.fn(async () => '10500')
    await applyActions([comment(null, { 'https://github.com/acme/shop/pull/7': '10001' })], w, {
      dryRun: false
    })
    expect(w.jira.updateComment).not.toHaveBeenCalled()
    expect(w.jira.addComment).toHaveBeenCalledWith('SHOP-12', {
      body,
      visibility: { type: 'role', value: 'Developers' }
    })
    expect(w.jira.setIssueProperty).toHaveBeenCalledWith('SHOP-12', 'gitar-jira.merge-summary', {
      'https://github.com/acme/shop/pull/7': '10001',
      'https://github.com/acme/shop/pull/42': '10500'
    })
  })

  test("another PR's summary written since this run read the property is kept (two merges at once)", async () => {
    const w = writers()
    w.jira.addComment = jest.fn(async () => '10500')
    w.jira.getIssueProperty = jest.fn(async () => ({
      'https://github.com/acme/shop/pull/7': '10001',
      'https://github.com/acme/shop/pull/8': '10499'
    }))
    await applyActions([comment(null, { 'https://github.com/acme/shop/pull/7': '10001' })], w, {
      dryRun: false
    })
    expect(w.jira.getIssueProperty).toHaveBeenCalledWith('SHOP-12', 'gitar-jira.merge-summary')
    expect(w.jira.setIssueProperty).toHaveBeenCalledWith('SHOP-12', 'gitar-jira.merge-summary', {
      'https://github.com/acme/shop/pull/7': '10001',
      'https://github.com/acme/shop/pull/8': '10499',
      'https://github.com/acme/shop/pull/42': '10500'
    })
  })

  test('a rerun edits the comment in place and leaves the property alone', async () => {
    const w = writers()
    await applyActions([comment('10500', { 'https://github.com/acme/shop/pull/42': '10500' })], w, {
      dryRun: false
    })
    expect(w.jira.updateComment).toHaveBeenCalledWith('SHOP-12', '10500', expect.anything())
    expect(w.jira.addComment).not.toHaveBeenCalled()
    expect(w.jira.setIssueProperty).not.toHaveBeenCalled()
  })

  test('a summary someone deleted is written anew, and the property points at the new one', async () => {
    const w = writers()
    w.jira.updateComment = jest.fn(async () => false)
    w.jira.addComment = jest.fn(async () => '10777')
    await applyActions([comment('10500', { 'https://github.com/acme/shop/pull/42': '10500' })], w, {
      dryRun: false
    })
    expect(w.jira.addComment).toHaveBeenCalledTimes(1)
    expect(w.jira.setIssueProperty).toHaveBeenCalledWith('SHOP-12', 'gitar-jira.merge-summary', {
      'https://github.com/acme/shop/pull/42': '10777'
    })
  })

  test('a summary whose id cannot be remembered is taken back, so a rerun adds no second one', async () => {
    const w = writers()
    w.jira.addComment = jest.fn(async () => '10500')
    w.jira.setIssueProperty = jest.fn(async () => {
      throw new Error('You do not have permission to edit issue SHOP-12.')
    })
    const applied = await applyActions([comment(null, {})], w, { dryRun: false })
    expect(w.calls).toEqual(['deleteComment SHOP-12'])
    expect(w.jira.deleteComment).toHaveBeenCalledWith('SHOP-12', '10500')
    expect(applied[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('permission to edit issue SHOP-12')
    })
  })

  test('a full property drops its oldest summaries, never the new one', async () => {
    const w = writers()
    w.jira.addComment = jest.fn(async () => '99999')
    const url = (n: number) => `https://github.com/acme/shop/pull/${n}`
    const full = Object.fromEntries(
      Array.from({ length: 800 }, (_, i) => [url(1000 + i), String(20000 + i)])
    )
    await applyActions([comment(null, full)], w, { dryRun: false })
    const written = (w.jira.setIssueProperty as jest.Mock).mock.calls[0]![2] as Record<
      string,
      string
    >
    expect(Buffer.byteLength(JSON.stringify(written))).toBeLessThanOrEqual(MAX_PROPERTY_BYTES)
    expect(written['https://github.com/acme/shop/pull/42']).toBe('99999')
    expect(written[url(1000)]).toBeUndefined() // the oldest went
    expect(written[url(1799)]).toBe('20799') // the newest stayed
    expect(Object.keys(written).at(-1)).toBe('https://github.com/acme/shop/pull/42')
  })

  test("a summary's digest is remembered beside its id; the same id and digest again: the property is left alone", async () => {
    const pr = (n: number) => `https://github.com/acme/shop/pull/${n}`
    const withDigest = (known: Record<string, string>, digests: Record<string, string>) =>
      ({
        ...comment('10500', known),
        index: { ...(comment('10500', known) as { index: object }).index, digests },
        digest: 'aaaaaaaaaaaa'
      }) as Action
    // Written by a version without digests: the id stays, the digest joins it; another PR's
    // digest, written since this run read the property, is kept.
    const w = writers()
    w.jira.getIssueProperty = jest.fn(async () => ({
      [pr(42)]: '10500',
      [pr(8)]: '10499',
      digests: { [pr(8)]: 'bbbbbbbbbbbb' }
    }))
    await applyActions([withDigest({ [pr(42)]: '10500' }, {})], w, { dryRun: false })
    expect(w.jira.setIssueProperty).toHaveBeenCalledWith('SHOP-12', 'gitar-jira.merge-summary', {
      [pr(8)]: '10499',
      [pr(42)]: '10500',
      digests: { [pr(8)]: 'bbbbbbbbbbbb', [pr(42)]: 'aaaaaaaaaaaa' }
    })

    const same = writers()
    await applyActions([withDigest({ [pr(42)]: '10500' }, { [pr(42)]: 'aaaaaaaaaaaa' })], same, {
      dryRun: false
    })
    expect(same.jira.setIssueProperty).not.toHaveBeenCalled()
  })

  test('a full property keeps every id: the digests of the oldest go first', () => {
    const url = (n: number) => `https://github.com/acme/shop/pull/${n}`
    const ids = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [url(1000 + i), String(20000 + i)])
    )
    const digests = Object.fromEntries(Object.keys(ids).map((u) => [u, 'cccccccccccc']))
    const value = indexValue(ids, digests) as Record<string, unknown>
    expect(Buffer.byteLength(JSON.stringify(value))).toBeLessThanOrEqual(MAX_PROPERTY_BYTES)
    expect(readCommentIndex(value)).toEqual(ids)
    const kept = readDigests(value)
    expect(kept[url(1000)]).toBeUndefined()
    expect(kept[url(1399)]).toBe('cccccccccccc')
    expect(indexValue({ [url(1)]: '1' }, { [url(2)]: 'cccccccccccc' })).toEqual({ [url(1)]: '1' })
  })

  test('a summary of an issue the PR no longer links: deleted, its entry forgotten, others kept', async () => {
    const w = writers()
    const pr = (n: number) => `https://github.com/acme/shop/pull/${n}`
    w.jira.getIssueProperty = jest.fn(async () => ({ [pr(42)]: '10500', [pr(8)]: '10499' }))
    const remove: Action = {
      type: 'jira.deleteComment',
      rule: 'merge-summary',
      issueKey: 'SHOP-23',
      what: 'the merge summary of acme/shop#42',
      commentId: '10500',
      index: { property: 'gitar-jira.merge-summary', entry: pr(42), known: { [pr(42)]: '10500' } }
    }
    const applied = await applyActions([remove], w, { dryRun: false })
    expect(applied[0]!.status).toBe('done')
    expect(w.jira.deleteComment).toHaveBeenCalledWith('SHOP-23', '10500')
    expect(w.jira.setIssueProperty).toHaveBeenCalledWith('SHOP-23', 'gitar-jira.merge-summary', {
      [pr(8)]: '10499'
    })

    const dry = writers()
    expect((await applyActions([remove], dry, { dryRun: true }))[0]!.status).toBe('would')
    expect(dry.jira.deleteComment).not.toHaveBeenCalled()
  })

  test('dry run: says what it would do, writes nothing', async () => {
    const w = writers()
    const applied = await applyActions([transition, comment(null)], w, { dryRun: true })
    expect(applied.map((a) => a.status)).toEqual(['would', 'would'])
    expect(w.jira.transitionIssue).not.toHaveBeenCalled()
    expect(w.jira.addComment).not.toHaveBeenCalled()
  })
})

describe('applyActions: adding to an existing issue (the PR group issue of follow-ups)', () => {
  const body = {
    blocks: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'two' }] }]
  }
  const add = (commentId: string | null, known: Record<string, string> = {}): Action => ({
    type: 'jira.addToIssue',
    rule: 'follow-ups',
    issueKey: 'ABC-50',
    what: '1 new TODO(s) of acme/shop#42',
    body,
    commentId,
    index: { property: 'gitar-jira.follow-up-added', entry: 'pr#batch', known },
    labels: ['gitar-jira-todo-2']
  })

  test('the comment, its id remembered, then the labels', async () => {
    const w = writers()
    w.jira.addComment = jest.fn(async () => '700')
    w.jira.setIssueProperty = jest.fn(async () => {
      w.calls.push('setIssueProperty')
    })
    const applied = await applyActions([add(null)], w, { dryRun: false })
    expect(applied.map((a) => a.status)).toEqual(['done'])
    expect(w.jira.addComment).toHaveBeenCalledWith('ABC-50', { body, visibility: null })
    expect(w.jira.setIssueProperty).toHaveBeenCalledWith('ABC-50', 'gitar-jira.follow-up-added', {
      'pr#batch': '700'
    })
    expect(w.calls).toEqual(['setIssueProperty', 'addLabels ABC-50'])
    expect(w.jira.addLabels).toHaveBeenCalledWith('ABC-50', ['gitar-jira-todo-2'])
  })

  test('labels refused: a failure, the comment stays remembered; its retry edits that comment', async () => {
    const w = writers('addLabels')
    const applied = await applyActions([add(null)], w, { dryRun: false })
    expect(applied[0]).toMatchObject({ status: 'failed', error: 'addLabels refused' })
    expect(w.calls).not.toContain('deleteComment ABC-50')

    const retry = writers()
    await applyActions([add('1', { 'pr#batch': '1' })], retry, { dryRun: false })
    expect(retry.jira.updateComment).toHaveBeenCalledWith('ABC-50', '1', expect.anything())
    expect(retry.jira.addComment).not.toHaveBeenCalled()
    expect(retry.jira.addLabels).toHaveBeenCalled()
  })

  test('no comment, no labels: TODOs nobody was told of are not marked as handled', async () => {
    const w = writers()
    w.jira.addComment = jest.fn(async () => {
      throw new Error('no permission to comment')
    })
    const applied = await applyActions([add(null)], w, { dryRun: false })
    expect(applied[0]!.status).toBe('failed')
    expect(w.jira.addLabels).not.toHaveBeenCalled()
  })

  test('dry run: says what it would add, writes nothing', async () => {
    const w = writers()
    const applied = await applyActions([add(null)], w, { dryRun: true })
    expect(applied.map((a) => a.status)).toEqual(['would'])
    expect(w.jira.addComment).not.toHaveBeenCalled()
    expect(w.jira.addLabels).not.toHaveBeenCalled()
  })
})
