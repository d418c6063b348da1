/** Outside text in the log cannot start a workflow command (a forged annotation or mask). */
import { jest } from '@jest/globals'
import type { Action } from '../../src/plan/actions.js'
import { applyActions } from '../../src/plan/apply.js'
import { logBlock, noticeLine } from '../../src/util/log.js'

const FORGED = 'src/a\n::error title=Forged::the build is broken\n.ts'

function printed(run: () => Promise<unknown> | void): Promise<string> {
  const lines: string[] = []
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk))
    return true
  })
  return Promise.resolve(run())
    .finally(() => write.mockRestore())
    .then(() => lines.join(''))
}

test('a dry run prints a path with a line break in it on one line', async () => {
  const action: Action = {
    type: 'github.replyToThread',
    rule: 'follow-ups',
    threadId: FORGED,
    body: 'x'
  }
  const out = await printed(() =>
    applyActions([action], { jira: {} as never, github: {} as never }, { dryRun: true })
  )
  expect(out).not.toMatch(/^::error/m)
  expect(out).toContain('[dry-run] would reply to review thread src/a ⏎ ::error title=Forged::')
})

test('a block of many lines prints with workflow commands stopped around it', async () => {
  const out = await printed(() => logBlock('The comment:', `line one\n${FORGED}`))
  const [, token] = /^::stop-commands::(\S+)$/m.exec(out) ?? []
  expect(token).toMatch(/^[0-9a-f-]{36}$/)
  const stopped = out.indexOf(`::stop-commands::${token}`)
  const resumed = out.indexOf(`::${token}::`)
  const forged = out.indexOf('::error title=Forged')
  expect(stopped).toBeLessThan(forged)
  expect(forged).toBeLessThan(resumed)
})

test('a notice with a line break in it is one annotation, shown on one line', async () => {
  const out = await printed(() => noticeLine(`Ignored the comment by @x (${FORGED})`))
  expect(out.split('\n').filter(Boolean)).toEqual([
    '::notice title=gitar-jira::Ignored the comment by @x (src/a ⏎ ::error title=Forged::the build is broken ⏎ .ts)'
  ])
})
