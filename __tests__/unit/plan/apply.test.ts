import { jest } from '@jest/globals'
import type { Action } from '../../../src/plan/actions.js'
import { applyActions, type Writers } from '../../../src/plan/apply.js'

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
  title: 'ABC-1: x'
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
      deleteRemoteLink: record('deleteRemoteLink')
    },
    github: { updatePrTitle: record('updatePrTitle') }
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

  test('a dry run writes nothing and says what it would do', async () => {
    const w = writers()
    const applied = await applyActions([link, unlink, title], w, { dryRun: true })
    expect(w.calls).toEqual([])
    expect(applied.map((a) => a.status)).toEqual(['would', 'would', 'would'])
  })

  test('one failed write is recorded and the others still happen', async () => {
    const w = writers('deleteRemoteLink')
    const applied = await applyActions([link, unlink, title], w, { dryRun: false })
    expect(w.calls).toHaveLength(3)
    expect(applied[1]).toEqual({
      action: unlink,
      status: 'failed',
      error: 'deleteRemoteLink refused'
    })
  })
})
