/**
 * Jira's JSON to the port's types. Shared by every flavour: Cloud and Data Center differ in how
 * users are identified (accountId vs key/name), not in the issue's shape.
 */
import { z } from 'zod'
import { listIn } from './answer.js'
import type {
  IssueLinkRef,
  IssueLinkType,
  JiraIssue,
  JiraUser,
  RemoteLink,
  ScreenField,
  Transition,
  TransitionFill
} from './port.js'

/** The fields `JiraIssue` is made of; ask Jira for exactly these. */
export const ISSUE_FIELDS = ['summary', 'status', 'project', 'issuetype', 'assignee', 'reporter']

/** The extra fields of `IssueDetails`: what inference reads. */
export const DETAIL_FIELDS = [
  'description',
  'components',
  'labels',
  'created',
  'updated',
  'fixVersions'
]

/** The field of `JiraIssue.links`: asked for only by the reads that use it (it can be long). */
export const LINKS_FIELD = 'issuelinks'

/** What a read asks for beyond `ISSUE_FIELDS`. */
export interface Asked {
  details?: boolean
  links?: boolean
}

/**
 * The issue properties read with every issue where the site can return them with issues
 * (Cloud's search and bulk fetch; Data Center's search cannot): the files that earlier merged
 * PRs linked to the issue changed, which inference reads.
 */
export const PATHS_PROPERTY = 'gitar-jira.paths'
export const ISSUE_PROPERTIES = [PATHS_PROPERTY]

/** A search's bound and the fields to ask for, the same for every flavour. */
export function searchRequest(
  options: { max?: number; fields?: string[] } & Asked,
  defaultMax: number
): { max: number; asked: Required<Asked>; fields: string[] } {
  const asked = { details: options.details ?? false, links: options.links ?? false }
  return {
    max: Math.max(0, options.max ?? defaultMax),
    asked,
    fields: fieldsToRead(asked, options.fields)
  }
}

/**
 * The issue fields a read asks for: what the rules use, with details what the ranker reads too,
 * with links the issue links.
 */
export function fieldsToRead(asked: Asked, extra: readonly string[] = []): string[] {
  return [
    ...new Set([
      ...ISSUE_FIELDS,
      ...(asked.details ? DETAIL_FIELDS : []),
      ...(asked.links ? [LINKS_FIELD] : []),
      ...extra
    ])
  ]
}

const UserJson = z
  .object({
    accountId: z.string().optional(),
    key: z.string().optional(),
    name: z.string().optional(),
    displayName: z.string().optional(),
    emailAddress: z.string().nullish(),
    active: z.boolean().optional(),
    accountType: z.string().optional()
  })
  .loose()

const IssueJson = z
  .object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({
        summary: z.string().nullish(),
        status: z
          .object({
            name: z.string(),
            statusCategory: z.object({ key: z.string() }).loose().optional()
          })
          .loose()
          .nullish(),
        project: z.object({ key: z.string() }).loose().nullish(),
        issuetype: z.object({ name: z.string() }).loose().nullish(),
        assignee: UserJson.nullish(),
        reporter: UserJson.nullish(),
        description: z.unknown().optional(),
        components: z.array(z.object({ name: z.string() }).loose()).nullish(),
        labels: z.array(z.string()).nullish(),
        created: z.string().nullish(),
        updated: z.string().nullish(),
        // Read one version at a time (VersionJson), as the links: one odd version (a null where a
        // value was expected) must not cost the issue, which a follow-up search would then miss.
        fixVersions: z.array(z.unknown()).nullish(),
        // Each link is read on its own (IssueLinkJson): one odd link does not cost the issue.
        issuelinks: z.array(z.unknown()).nullish()
      })
      .loose()
      .default({}),
    properties: z.record(z.string(), z.unknown()).nullish()
  })
  .loose()

const IssueLinkJson = z
  .object({
    type: z.object({ name: z.string() }).loose(),
    inwardIssue: z.object({ key: z.string() }).loose().optional(),
    outwardIssue: z.object({ key: z.string() }).loose().optional()
  })
  .loose()

/** The issue links of an issue's `issuelinks` field: each with the issue at its other end. */
function toLinks(json: unknown[]): IssueLinkRef[] {
  return json.flatMap((link) => {
    const parsed = IssueLinkJson.safeParse(link)
    if (!parsed.success) return []
    const other = parsed.data.inwardIssue ?? parsed.data.outwardIssue
    return other ? [{ type: parsed.data.type.name, key: other.key }] : []
  })
}

export function toJiraUser(json: unknown): JiraUser | null {
  const parsed = UserJson.safeParse(json)
  if (!parsed.success) return null
  const u = parsed.data
  const id = u.accountId || u.key || u.name
  if (!id) return null
  return {
    id,
    // Data Center: the username beside the key (they differ for users of recent versions).
    ...(u.accountId === undefined && u.name ? { name: u.name } : {}),
    displayName: u.displayName ?? id,
    ...(u.emailAddress ? { email: u.emailAddress } : {}),
    ...(u.active === undefined ? {} : { active: u.active }),
    ...(u.accountType === 'app' ? { bot: true } : {})
  }
}

/**
 * `siteUrl` is the human site (browse links), even when the API is reached through a gateway.
 * `details`: DETAIL_FIELDS were asked for; `links`: LINKS_FIELD was. `properties`:
 * ISSUE_PROPERTIES were asked for, so one missing from the answer is unset.
 */
export function toJiraIssue(
  json: unknown,
  siteUrl: string,
  asked: Asked & { properties?: boolean } = {}
): JiraIssue | undefined {
  const parsed = IssueJson.safeParse(json)
  if (!parsed.success) return undefined
  const { id, key, fields, properties } = parsed.data
  return {
    key,
    id,
    projectKey: fields.project?.key ?? key.slice(0, key.lastIndexOf('-')),
    summary: fields.summary ?? '',
    status: {
      name: fields.status?.name ?? '',
      category: fields.status?.statusCategory?.key ?? 'undefined'
    },
    ...(fields.issuetype ? { issueType: fields.issuetype.name } : {}),
    assignee: fields.assignee ? toJiraUser(fields.assignee) : null,
    reporter: fields.reporter ? toJiraUser(fields.reporter) : null,
    url: `${siteUrl}/browse/${key}`,
    ...(asked.details
      ? {
          details: {
            description: plainText(fields.description),
            components: (fields.components ?? []).map((c) => c.name),
            labels: fields.labels ?? [],
            ...(fields.created ? { created: fields.created } : {}),
            ...(fields.updated ? { updated: fields.updated } : {}),
            ...releasedIn(fields.fixVersions)
          }
        }
      : {}),
    ...(asked.links ? { links: toLinks(fields.issuelinks ?? []) } : {}),
    ...(asked.properties ? { properties: properties ?? {} } : {})
  }
}

/**
 * The release dates of the issue's fix versions that are out: a version still planned may have a
 * date that has passed (a release that slipped), which says nothing about the issue being done.
 */
function releasedIn(versions: unknown[] | null | undefined): { fixVersionDates?: string[] } {
  const dates = (versions ?? []).flatMap((json) => {
    const version = VersionJson.safeParse(json)
    return version.success && version.data.released === true && version.data.releaseDate
      ? [version.data.releaseDate]
      : []
  })
  return dates.length > 0 ? { fixVersionDates: dates } : {}
}

const VersionJson = z
  .object({ released: z.boolean().nullish(), releaseDate: z.string().nullish() })
  .loose()

const BLOCK_NODES = new Set([
  'paragraph',
  'heading',
  'listItem',
  'codeBlock',
  'blockquote',
  'tableRow',
  'rule'
])

/** A description as plain text: ADF (Cloud) flattened, a string (Data Center) as it is. */
export function plainText(description: unknown): string {
  if (typeof description === 'string') return description
  const parts: string[] = []
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const { type, text, content } = node as { type?: string; text?: unknown; content?: unknown }
    if (typeof text === 'string') parts.push(text)
    if (type === 'hardBreak') parts.push('\n')
    if (Array.isArray(content)) content.forEach(walk)
    if (type && BLOCK_NODES.has(type)) parts.push('\n')
  }
  walk(description)
  return parts
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

const RemoteLinkJson = z
  .object({
    id: z.number(),
    globalId: z.string().optional(),
    relationship: z.string().optional(),
    object: z
      .object({
        url: z.string(),
        title: z.string(),
        summary: z.string().optional(),
        icon: z.object({ url16x16: z.string().optional() }).loose().optional(),
        status: z.object({ resolved: z.boolean().optional() }).loose().optional()
      })
      .loose()
  })
  .loose()

export function toRemoteLink(json: unknown): RemoteLink | undefined {
  const parsed = RemoteLinkJson.safeParse(json)
  if (!parsed.success) return undefined
  const { id, globalId, relationship, object } = parsed.data
  return {
    id,
    globalId: globalId ?? '',
    url: object.url,
    title: object.title,
    relationship: relationship ?? '',
    ...(object.summary === undefined ? {} : { summary: object.summary }),
    ...(object.icon?.url16x16 === undefined ? {} : { iconUrl: object.icon.url16x16 }),
    ...(object.status?.resolved === undefined ? {} : { resolved: object.status.resolved })
  }
}

const TransitionsJson = z
  .object({
    transitions: z
      .array(
        z
          .object({
            id: z.string(),
            name: z.string().optional(),
            to: z
              .object({
                id: z.string().optional(),
                name: z.string(),
                statusCategory: z.object({ key: z.string() }).loose().optional()
              })
              .loose(),
            fields: z.record(z.string(), z.unknown()).optional()
          })
          .loose()
      )
      .default([])
  })
  .loose()

const ScreenFieldJson = z
  .object({
    key: z.string().optional(),
    fieldId: z.string().optional(),
    name: z.string().optional(),
    required: z.boolean().optional(),
    hasDefaultValue: z.boolean().optional(),
    defaultValue: z.unknown().optional(),
    allowedValues: z.array(z.unknown()).optional()
  })
  .loose()

const NamedValueJson = z.object({ name: z.string() }).loose()

const nameOf = (value: unknown) => {
  const named = NamedValueJson.safeParse(value)
  return named.success ? named.data.name : undefined
}

/**
 * A transition's `fields` (with `expand=transitions.fields`) as its screen. Data Center says
 * `fieldId` where Cloud says `key`; the map's key is either. A field of an odd shape is skipped,
 * not the transition.
 */
function screenOf(fields: Record<string, unknown>): ScreenField[] {
  return Object.entries(fields).flatMap(([id, json]) => {
    const field = ScreenFieldJson.safeParse(json)
    if (!field.success) return []
    const { key, fieldId, name, required, hasDefaultValue, defaultValue, allowedValues } =
      field.data
    const allowed = allowedValues?.flatMap((v) => nameOf(v) ?? [])
    const fallback = nameOf(defaultValue)
    return [
      {
        key: key ?? fieldId ?? id,
        name: name ?? id,
        required: required === true,
        hasDefault: hasDefaultValue === true,
        ...(hasDefaultValue === true && fallback !== undefined ? { default: fallback } : {}),
        ...(allowed && allowed.length > 0 ? { allowed } : {})
      }
    ]
  })
}

/** GET /issue/{key}/transitions: each transition with the status it leads to. */
export function toTransitions(json: unknown): Transition[] {
  listIn(json, 'transitions') // none at all is not Jira's answer
  const parsed = TransitionsJson.safeParse(json)
  if (!parsed.success) return []
  return parsed.data.transitions.map((t) => {
    const screen = screenOf(t.fields ?? {})
    return {
      id: t.id,
      name: t.name ?? t.to.name,
      to: {
        ...(t.to.id === undefined ? {} : { id: t.to.id }),
        name: t.to.name,
        ...(t.to.statusCategory ? { category: t.to.statusCategory.key } : {})
      },
      ...(screen.length > 0 ? { screen } : {})
    }
  })
}

/** A transition request's `fields`: the resolution by name, if one was picked. */
export function transitionFieldsJson(fill: TransitionFill | undefined) {
  return fill?.resolution === undefined ? {} : { fields: { resolution: { name: fill.resolution } } }
}

/** Jira's `{issueLinkTypes: […]}`; a type without a name is left out. */
export function toIssueLinkTypes(json: unknown): IssueLinkType[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  return listIn(json, 'issueLinkTypes').flatMap((t) => {
    const { id, name, inward, outward } = (t ?? {}) as Record<string, unknown>
    if (str(name) === '') return []
    return [{ id: str(id), name: str(name), inward: str(inward), outward: str(outward) }]
  })
}
