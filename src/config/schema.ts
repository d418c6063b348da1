/**
 * The schema of `.github/gitar-jira.yml`: what users write (`z.input`, kebab-case, every key
 * optional, unknown keys rejected) and what the code receives (`z.output`, camelCase, still
 * partial: defaults are applied after inputs are merged over the file, see merge.ts).
 *
 * Each leaf says in one phrase what it must be ("must be a number between 0 and 1"); load.ts puts
 * the file, line and key path in front and what was found behind.
 *
 * This module imports nothing but zod and a module without imports, so `scripts/json-schema.ts`
 * can load it under Node's type stripping.
 */
import { z } from 'zod'
import { jqlNestingProblem } from '../util/jql-syntax.js'

/** `min-confidence` -> `minConfidence`. */
export function camelCase(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

type CamelCase<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<CamelCase<T>>}`
  : S
type CamelKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] }

function camelKeys<T extends object>(value: T): CamelKeys<T> {
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [camelCase(key), item])
  ) as CamelKeys<T>
}

/** Every issue of the schema it is given to says the same thing. */
function says(expectation: string): { error: string } {
  return { error: expectation }
}

/**
 * A mapping of known keys. An empty one (every line below it commented out, which YAML reads as
 * null) counts as `{}`. The output has camelCase keys; nested mappings and records are untouched.
 */
function section<S extends z.core.$ZodLooseShape>(shape: S, what: string, description: string) {
  return z
    .strictObject(shape, says(`must be a mapping of ${what}`))
    .nullable()
    .transform((value) => camelKeys(value ?? ({} as z.output<z.ZodObject<S, z.core.$strict>>)))
    .optional()
    .describe(description)
}

function toggle(description: string) {
  return z.boolean(says('must be true or false')).optional().describe(description)
}

function confidence(description: string) {
  const expectation = says('must be a number between 0 and 1')
  return z
    .number(expectation)
    .min(0, expectation)
    .max(1, expectation)
    .optional()
    .describe(description)
}

function text(expectation: string) {
  return z.string(says(expectation)).trim().min(1, says(expectation))
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/
const PROJECT_KEY_TEXT =
  'a Jira project key (uppercase letters, digits and underscores, starting with a letter)'

function projectKey() {
  return z
    .string(says(`must be ${PROJECT_KEY_TEXT}`))
    .regex(PROJECT_KEY, says(`must be ${PROJECT_KEY_TEXT}`))
}

/** GitHub's rule: letters, digits and single inner hyphens, at most 39 characters. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/

function statusName(description: string) {
  return text('must be a Jira status name or null').nullable().optional().describe(description)
}

function weight(description: string) {
  const expectation = says('must be a number of 0 or more')
  return z.number(expectation).min(0, expectation).optional().describe(description)
}

const autoLink = section(
  {
    enabled: toggle('Link the Jira issues a PR works on. The `auto-link` input overrides it.'),
    sources: z
      .array(
        z.enum(
          ['title', 'branch', 'body', 'commits'],
          says('must be title, branch, body or commits')
        ),
        says('must be a list of title, branch, body, commits')
      )
      .optional()
      .describe('Where to look for explicit issue keys.'),
    infer: toggle('When no key is given, infer the issues from Jira candidates.'),
    'infer-resolves': toggle(
      'Treat inferred issues as resolved by the PR (they get the transitions).'
    ),
    'min-confidence': confidence('Inferred issues at or above this score are linked.'),
    'suggest-confidence': confidence(
      'Inferred issues between this score and min-confidence are listed as possible matches.'
    ),
    'candidate-jql': text('must be a JQL query or null')
      .superRefine((jql, ctx) => {
        // It is joined as `project in (…) AND (<candidate-jql>)`: a `)` of its own would let
        // an `OR` reach every project, past jira.projects.
        const problem = jqlNestingProblem(jql)
        if (problem === null) return
        ctx.addIssue({
          code: 'custom',
          message: `must be one JQL condition, its parentheses and quotes closed (gitar-jira adds it as "AND (…)"): ${problem}`
        })
      })
      .nullable()
      .optional()
      .describe('JQL clause that bounds the inference candidates; null for none.'),
    'update-title': toggle('Prefix the PR title with the linked key.')
  },
  'auto-link settings',
  'Find the Jira issues a PR works on and link them to it.'
)

const transitions = section(
  {
    enabled: toggle(
      'Move the issues the PR resolves to the statuses below. The `transitions` input overrides it.'
    ),
    'on-open': statusName('Status when the PR is opened or marked ready; null to leave it.'),
    'on-merge': statusName('Status when the PR is merged; null to leave it.'),
    'on-close': statusName('Status when the PR is closed without merging; null to leave it.')
  },
  'transitions settings',
  'Move the issues a PR resolves through their workflow.'
)

const visibilityType = z.enum(['role', 'group'], {
  error: (issue) =>
    issue.input === undefined ? 'is missing: role or group' : 'must be role or group'
})

const mergeSummary = section(
  {
    enabled: toggle(
      'Comment an implementation summary on the linked issues at merge. The `merge-summary` input overrides it.'
    ),
    visibility: z
      .strictObject(
        {
          type: visibilityType.describe('Restrict the comment to a project role or a group.'),
          value: z
            .string({
              error: (issue) =>
                issue.input === undefined
                  ? 'is missing: the name of the role or group'
                  : 'must be the name of a role or group'
            })
            .trim()
            .min(1, says('must be the name of a role or group'))
            .describe('The role or group name, e.g. Developers.')
        },
        says('must be null or a mapping { type: role | group, value: <name> }')
      )
      .nullable()
      .optional()
      .describe('Who may see the summary comment; null for everyone who can see the issue.')
  },
  'merge-summary settings',
  'Add an implementation summary comment to every linked issue when the PR merges.'
)

const suggestReviewers = section(
  {
    enabled: toggle(
      "Suggest reviewers from the linked issues' people. The `suggest-reviewers` input overrides it."
    ),
    mode: z
      .enum(['comment', 'request'], says('must be comment or request'))
      .optional()
      .describe('comment: list them in the PR comment; request: also request their review.'),
    max: z
      .int(says('must be a whole number of 1 or more'))
      .min(1, says('must be a whole number of 1 or more'))
      .optional()
      .describe('At most this many reviewers.'),
    sources: section(
      {
        watchers: weight("Weight of the issues' watchers."),
        reporter: weight("Weight of the issues' reporter."),
        assignee: weight("Weight of the issues' assignee.")
      },
      'weights (watchers, reporter, assignee)',
      'How much each kind of person counts; 0 leaves them out.'
    ),
    users: z
      .record(
        text('has an empty key: keys are Jira emails, accountIds, usernames or user keys'),
        z
          .string(says('must be a GitHub login'))
          .regex(
            GITHUB_LOGIN,
            says(
              'must be a GitHub login (letters, digits and single hyphens, at most 39 characters, no @)'
            )
          ),
        says('must be a mapping of Jira email, accountId or username to GitHub login')
      )
      .nullable()
      .transform((users) => users ?? {})
      .optional()
      .describe(
        'Jira email, accountId (Cloud), username or user key (Data Center) -> GitHub login.'
      )
  },
  'suggest-reviewers settings',
  "Suggest reviewers from the linked issues' watchers, reporter and assignee."
)

const followUps = section(
  {
    enabled: toggle('Create Jira issues for deferred work. The `follow-ups` input overrides it.'),
    todos: toggle('Create follow-ups for TODO comments the PR adds.'),
    'unresolved-threads': toggle('Create follow-ups for review threads unresolved at merge.'),
    keywords: z
      .array(
        // Comments are read a line at a time: a keyword across lines would never match.
        text('must be a non-empty keyword').regex(/^[^\r\n]*$/, says('must be a one-line keyword')),
        says('must be a list of keywords')
      )
      .min(1, says('must be a list of at least one keyword'))
      .optional()
      .describe('Comment keywords that mark a TODO.'),
    when: z
      .enum(['merge', 'open'], says('must be merge or open'))
      .optional()
      .describe('merge: create TODO follow-ups at merge; open: as soon as the PR adds them.'),
    grouping: z
      .enum(['todo', 'pr'], says('must be todo or pr'))
      .optional()
      .describe('todo: one issue per TODO; pr: one issue per PR.'),
    project: projectKey()
      .nullable()
      .optional()
      .describe("Project of the follow-ups; null for the first linked issue's project."),
    'issue-type': text('must be a Jira issue type name')
      .optional()
      .describe('Issue type of the follow-ups, e.g. Task.'),
    labels: z
      .array(
        z.string(says('must be a label')).regex(/^\S+$/, says('must be a label without spaces')),
        says('must be a list of labels')
      )
      .nullable()
      .transform((labels) => labels ?? [])
      .optional()
      .describe('Labels of the follow-ups (Jira labels have no spaces).')
  },
  'follow-ups settings',
  'Create Jira issues for TODOs the PR adds and for review threads left unresolved.'
)

export const configSchema = z.strictObject(
  {
    jira: section(
      {
        projects: z
          .array(projectKey(), says('must be a list of Jira project keys'))
          // An empty list would silently drop every key a PR names: say "null for all" instead.
          .min(1, says('must name at least one project (or be null for all projects)'))
          .nullable()
          .optional()
          .describe('Only these projects are linked, inferred and created in; null for all.')
      },
      'Jira settings (projects)',
      'Jira settings.'
    ),
    rules: section(
      {
        'auto-link': autoLink,
        transitions,
        'merge-summary': mergeSummary,
        'suggest-reviewers': suggestReviewers,
        'follow-ups': followUps
      },
      'rules (auto-link, transitions, merge-summary, suggest-reviewers, follow-ups)',
      'The five rules and their settings.'
    )
  },
  says('must be a mapping with the keys jira and rules')
)

/** What users write in `.github/gitar-jira.yml`. */
export type ConfigFile = z.input<typeof configSchema>
/** The file as the code receives it: camelCase, only the keys the file sets. */
export type FileConfig = z.output<typeof configSchema>

/** The keys a mapping at `path` (kebab-case, as in the file) may hold; [] where none is known. */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = configSchema
  for (let i = 0; ;) {
    if (schema instanceof z.ZodPipe) schema = schema.in
    else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
      schema = schema.unwrap()
    } else if (schema instanceof z.ZodObject) {
      if (i === path.length) return Object.keys(schema.shape)
      schema = schema.shape[String(path[i++])]
    } else return []
  }
}
