/**
 * The example workflows users copy: every event they subscribe to must get past the job's `if:`
 * (a push that never runs leaves the Actions cache every PR reads unrefreshed).
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const WORKFLOWS = ['docs/example-workflow.yml', 'docs/example-workflow-oauth.yml']

interface Workflow {
  on: Record<string, unknown>
  concurrency?: unknown
  jobs: Record<string, { if?: string; concurrency?: Record<string, unknown> }>
}

test.each(WORKFLOWS)('%s: the job runs for every event the workflow subscribes to', (file) => {
  const workflow = parse(readFileSync(file, 'utf8')) as Workflow
  const condition = workflow.jobs.jira?.if ?? ''
  for (const event of Object.keys(workflow.on)) {
    if (event === 'issue_comment') {
      // Only a person's edit of a bot's comment on a pull request.
      expect(condition).toContain('github.event.issue.pull_request')
      expect(condition).toContain("github.event.comment.user.type == 'Bot'")
    } else {
      expect(condition).toContain(`github.event_name == '${event}'`)
    }
  }
  expect(Object.keys(workflow.on)).toEqual(
    expect.arrayContaining(['pull_request_target', 'issue_comment', 'push'])
  )
})

test.each(WORKFLOWS)(
  '%s: one run at a time per PR, on the job (past its if:), none cancelled running or waiting',
  (file) => {
    const workflow = parse(readFileSync(file, 'utf8')) as Workflow
    expect(workflow.concurrency).toBeUndefined()
    expect(workflow.jobs.jira?.concurrency).toEqual({
      group:
        'gitar-jira-${{ github.event.pull_request.number || github.event.issue.number || github.ref }}',
      'cancel-in-progress': false,
      queue: 'max'
    })
  }
)
