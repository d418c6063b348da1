/**
 * What the rules may ask of Jira. Cloud (REST v3, ADF) and Data Center (REST v2, wiki markup)
 * adapters both implement it, so a rule never knows which flavour it talks to.
 */
import type { RichDoc } from '../richtext/model.js'

export type JiraFlavour = 'cloud' | 'data-center'

export interface JiraUser {
  /** Cloud accountId; Data Center user key. */
  id: string
  /** Data Center username (`name`): what JQL and people use there. Absent on Cloud. */
  name?: string
  displayName: string
  /** Absent for most Cloud users (privacy settings). */
  email?: string
  active?: boolean
  /** An app or service account rather than a person (Cloud `accountType: app`). */
  bot?: boolean
}

export interface JiraIssue {
  key: string
  id: string
  projectKey: string
  summary: string
  status: { name: string; category: 'new' | 'indeterminate' | 'done' | string }
  issueType?: string
  assignee?: JiraUser | null
  reporter?: JiraUser | null
  /** Browse URL: `${site}/browse/${key}`. */
  url: string
  /** The text inference reads; present when a search asked for it (`details: true`). */
  details?: IssueDetails
  /** Its issue links, of any type and direction; present when a read asked for them (`links: true`). */
  links?: IssueLinkRef[]
  /**
   * The issue's ISSUE_PROPERTIES (jira/map.ts) that are set, by key; absent where the site does
   * not return properties with issues (Data Center), so "unknown" is not taken for "unset".
   */
  properties?: Record<string, unknown>
}

export interface IssueDetails {
  /** Plain text (ADF flattened on Cloud, wiki markup as it is on Data Center). */
  description: string
  components: string[]
  labels: string[]
  created?: string
  updated?: string
  /** Release dates of the fix versions already released (YYYY-MM-DD). */
  fixVersionDates?: string[]
}

/** One of an issue's links: the link type's name and the issue at the other end. */
export interface IssueLinkRef {
  type: string
  key: string
}

/** A remote link as the action writes it; `globalId` makes the write an upsert. */
export interface RemoteLinkInput {
  globalId: string
  url: string
  title: string
  summary?: string
  relationship: string
  iconUrl?: string
  resolved?: boolean
}

export interface RemoteLink extends RemoteLinkInput {
  id: number
}

/** A transition the issue's workflow offers now, and the status it leads to. */
export interface Transition {
  id: string
  name: string
  to: { id?: string; name: string; category?: string }
  /** The fields of its screen (read with `expand=transitions.fields`); none: no screen. */
  screen?: ScreenField[]
}

/** A field of a transition's screen: its id (`resolution`), its name, what it allows. */
export interface ScreenField {
  key: string
  name: string
  required: boolean
  /** Jira fills it when the request leaves it out; `default`: the value's name, when given. */
  hasDefault: boolean
  default?: string
  /** The names of the allowed values, where Jira lists them (a resolution's: Done, Won't Do…). */
  allowed?: string[]
}

/**
 * What a transition sets on its way: the resolution picked from the screen the caller read, and
 * how it was picked (a layer holding a newer screen picks again): the names preferred, in order,
 * and those a screen's default may not be.
 */
export interface TransitionFill {
  resolution?: string
  prefer: readonly string[]
  avoid?: readonly string[]
}

/**
 * What a transition came to. Jira may refuse one (a screen with required fields, a condition):
 * `fields` are those its refusal names. A layer that found the caller's list out of date and read
 * it again says so: `live`, the transitions offered now, and `sent`, what it tried instead.
 */
export type TransitionOutcome = (
  { ok: true } | { ok: false; reason: string; fields: string[]; live?: Transition[] }
) & { sent?: { transitionId: string; fill?: TransitionFill } }

/** Who may read a comment: a project role or a group. */
export interface CommentVisibility {
  type: 'role' | 'group'
  value: string
}

export interface CommentInput {
  /** Flavour-neutral rich text: Cloud renders it as ADF, Data Center as wiki markup. */
  body: RichDoc
  visibility?: CommentVisibility | null
}

/** An issue a rule asks to create (the follow-ups rule). */
export interface NewIssue {
  projectKey: string
  /** The issue type's name, e.g. Task. */
  issueType: string
  /** One line, at most 255 characters. */
  summary: string
  description: RichDoc
  labels: string[]
}

export interface CreatedIssue {
  key: string
  id: string
  /** Browse URL: `${site}/browse/${key}`. */
  url: string
}

/**
 * A user named in the config (the `users` table): `id` as issues and watchers carry it (Cloud
 * accountId, Data Center user key), `jql` the value JQL takes for them (Cloud accountId, Data
 * Center username).
 */
export interface UserRef {
  id: string
  jql: string
}

/** A way two issues can be linked, as Jira names it ("Relates": "relates to"). */
export interface IssueLinkType {
  id: string
  name: string
  inward: string
  outward: string
}

export interface JiraPort {
  readonly flavour: JiraFlavour
  /** Site base URL without trailing slash, e.g. https://acme.atlassian.net */
  readonly siteUrl: string
  /** Checks the credential; throws a UserError when Jira answers as an anonymous user or 401/403. */
  myself(): Promise<JiraUser>
  /**
   * Issues that exist and are visible; unknown keys (UTF-8, typos, no permission) are left out.
   * `details`: with their descriptions, components and labels, as `searchIssues` reads them;
   * `links`: with their issue links.
   */
  getIssues(keys: string[], options?: { details?: boolean; links?: boolean }): Promise<JiraIssue[]>
  /** Enhanced JQL search, bounded by `max`. */
  searchIssues(
    jql: string,
    options?: { max?: number; fields?: string[]; details?: boolean; links?: boolean }
  ): Promise<JiraIssue[]>
  getRemoteLinks(issueKey: string): Promise<RemoteLink[]>
  /**
   * The user a config entry names: an accountId on Cloud (taken as it is, no request); a
   * username or a user key on Data Center (looked up). Null when Data Center knows no such user.
   */
  findUser(ref: string): Promise<UserRef | null>
  /** The people watching the issue (emails only where the site shows them). */
  getWatchers(issueKey: string): Promise<JiraUser[]>
  upsertRemoteLink(issueKey: string, link: RemoteLinkInput): Promise<void>
  deleteRemoteLink(issueKey: string, globalId: string): Promise<void>
  /**
   * The transitions available to the issue now (what its workflow offers from its status).
   * `reaching`: the status the caller is after; a cached list without a way there is read again.
   */
  getTransitions(issueKey: string, reaching?: string): Promise<Transition[]>
  /** Performs a transition; Jira's refusal (400) is an outcome, not a throw. */
  transitionIssue(
    issueKey: string,
    transitionId: string,
    fill?: TransitionFill
  ): Promise<TransitionOutcome>
  /** Adds a comment; resolves to its id. */
  addComment(issueKey: string, comment: CommentInput): Promise<string>
  /** Replaces a comment's body; false when the comment no longer exists (deleted by someone). */
  updateComment(issueKey: string, commentId: string, comment: CommentInput): Promise<boolean>
  /** Deletes a comment (one this run added and cannot keep track of); a missing one is no error. */
  deleteComment(issueKey: string, commentId: string): Promise<void>
  /** An issue entity property's JSON value, or null when the issue has none by that key. */
  getIssueProperty(issueKey: string, propertyKey: string): Promise<unknown>
  setIssueProperty(issueKey: string, propertyKey: string, value: object): Promise<void>
  createIssue(issue: NewIssue): Promise<CreatedIssue>
  /** Adds labels to an issue (an edit: the labels it has stay; one it has already is no error). */
  addLabels(issueKey: string, labels: string[]): Promise<void>
  getIssueLinkTypes(): Promise<IssueLinkType[]>
  /** Links two issues with the link type named `typeName` ("Relates"). */
  linkIssues(typeName: string, inwardKey: string, outwardKey: string): Promise<void>
}
