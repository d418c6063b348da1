/** What a reviewer reads when part of the run failed: the PR comment names the rule and why. */
import { renderComment } from '../../../src/report/comment.js'
import { buildReport } from '../../../src/report/model.js'
import { jiraIssue, prEvent, prFacts, settings } from '../../helpers/facts.js'

test('a failed candidate search shows as an auto-link failure beside the links that stand', () => {
  const body = renderComment(
    buildReport({
      event: prEvent({ action: 'synchronize' }),
      settings: settings(),
      pr: prFacts(),
      discovery: {
        linked: [
          { issue: jiraIssue('SHOP-51'), strength: 'references', via: 'inferred', sources: [] }
        ],
        suggestions: [],
        state: { v: 1, links: [{ key: 'SHOP-51', via: 'inferred' }] },
        failure: 'key-less linking could not search Jira for candidates (Jira refused it)'
      },
      planned: { notes: [], failures: [{ rule: 'transitions', message: 'no way to Done' }] },
      applied: []
    })
  )
  expect(body).toContain('> Some of what gitar-jira does failed on this run:')
  expect(body).toContain(
    '> - **auto-link**: key-less linking could not search Jira for candidates \\(Jira refused it\\)\n> - **transitions**: no way to Done'
  )
  expect(body).toContain('SHOP-51')
})
