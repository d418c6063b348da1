/**
 * JiraPort for Jira Data Center and Server (REST v2, wiki markup), straight over our transport:
 * jira.js is Cloud only. The same shapes as Cloud where v2 has them (remote links, transitions,
 * properties, link types); what differs is rich text (wiki markup via `toWiki`, not ADF), users
 * (identified by `key`/`name`, not `accountId`) and search (`/rest/api/2/search` with startAt).
 */
import { isApiError } from 'jira.js'
import type { Client } from 'jira.js/core'
import { toWiki } from '../richtext/wiki.js'
import { chunks } from '../util/chunks.js'
import { remoteLinkBody } from './cloud.js'
import { sameComment } from './same-comment.js'
import {
  describeFailure,
  fieldsRefused,
  OPERATIONS,
  unlessNotFound,
  type CredentialInfo,
  type JiraOperation
} from './errors.js'
import {
  fieldsToRead,
  type Asked,
  toJiraIssue,
  toJiraUser,
  toIssueLinkTypes,
  toRemoteLink,
  toTransitions,
  transitionFieldsJson,
  searchRequest
} from './map.js'
import type {
  CommentInput,
  CreatedIssue,
  IssueLinkType,
  JiraIssue,
  JiraPort,
  JiraUser,
  NewIssue,
  RemoteLink,
  RemoteLinkInput,
  Transition,
  TransitionFill,
  TransitionOutcome,
  UserRef
} from './port.js'
import { AnonymousAnswerError, detailOf } from './transport.js'
import {
  asObject,
  listAnswer,
  listIn,
  objectAnswer,
  UnexpectedAnswerError,
  valueIn
} from './answer.js'

const API = '/rest/api/2'
const SEARCH_PAGE_LIMIT = 100
const DEFAULT_SEARCH_MAX = 50
const GLOBAL_ID_MAX = 255
/** Per-issue GETs in flight at once (getIssues). */
const ISSUE_GET_CONCURRENCY = 5

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

function path(...segments: string[]): string {
  return `${API}/${segments.map((s) => encodeURIComponent(s)).join('/')}`
}

export class DataCenterJira implements JiraPort {
  readonly flavour = 'data-center' as const
  readonly siteUrl: string
  private readonly transport: Client
  private readonly credential: CredentialInfo

  constructor(transport: Client, credential: CredentialInfo) {
    this.transport = transport
    this.credential = credential
    this.siteUrl = credential.siteUrl
  }

  private call<T>(op: JiraOperation, fn: () => Promise<T>): Promise<T> {
    return describeFailure(op, this.credential, fn)
  }

  private send(
    method: Method,
    url: string,
    options: { body?: unknown; searchParams?: Record<string, unknown> } = {}
  ): Promise<unknown> {
    return this.transport.sendRequest<unknown>({ method, url, ...options })
  }

  myself(): Promise<JiraUser> {
    return this.call(OPERATIONS.myself, async () => {
      const me = objectAnswer(await this.send('GET', path('myself')))
      // A dead token may be served as anonymous: 200, but nobody in it.
      const user = me.key || me.name ? toJiraUser(me) : null
      if (user === null) throw new AnonymousAnswerError('200 OK without a user key or name')
      return user
    })
  }

  /**
   * One GET per issue rather than a `key in (…)` search: Data Center's JQL fails the whole query
   * (400) when one key does not exist, and `validateQuery` is not honoured the same way by every
   * version. A 404 (unknown key, or no permission to see it) leaves that key out.
   */
  getIssues(keys: string[], asked: Asked = {}): Promise<JiraIssue[]> {
    const unique = [...new Set(keys.map((k) => k.toUpperCase()))]
    const fields = fieldsToRead(asked)
    return this.call(OPERATIONS.readIssues, async () => {
      const found: (JiraIssue | undefined)[] = []
      for (const batch of chunks(unique, ISSUE_GET_CONCURRENCY)) {
        found.push(...(await Promise.all(batch.map((key) => this.getIssue(key, fields, asked)))))
      }
      // A moved issue answers under its new key: keep one of each.
      const seen = new Set<string>()
      return found.filter((issue): issue is JiraIssue => {
        if (issue === undefined || seen.has(issue.key)) return false
        seen.add(issue.key)
        return true
      })
    })
  }

  private getIssue(
    key: string,
    fields: readonly string[],
    asked: Asked
  ): Promise<JiraIssue | undefined> {
    return unlessNotFound(
      this.send('GET', path('issue', key), {
        searchParams: { fields: fields.join(',') }
      }).then((json) => {
        // A 200 that is no issue at all is no "not found": unknown keys answer 404.
        if (typeof objectAnswer(json).key !== 'string') {
          throw new UnexpectedAnswerError("JSON without an issue's 'key'")
        }
        return toJiraIssue(json, this.siteUrl, asked)
      }),
      undefined
    )
  }

  searchIssues(
    jql: string,
    options: { max?: number; fields?: string[] } & Asked = {}
  ): Promise<JiraIssue[]> {
    const { max, asked, fields } = searchRequest(options, DEFAULT_SEARCH_MAX)
    return this.call(OPERATIONS.searchIssues, async () => {
      const issues: JiraIssue[] = []
      let startAt = 0
      while (issues.length < max) {
        const page = objectAnswer(
          await this.send('POST', path('search'), {
            body: {
              jql,
              startAt,
              maxResults: Math.min(SEARCH_PAGE_LIMIT, max - issues.length),
              fields
            }
          })
        )
        const list = listIn(page, 'issues')
        for (const json of list) {
          const issue = toJiraIssue(json, this.siteUrl, asked)
          if (issue !== undefined && issues.length < max) issues.push(issue)
        }
        // The site may cap maxResults below what was asked: advance by what came back.
        startAt += list.length
        const total = typeof page.total === 'number' ? page.total : startAt
        if (list.length === 0 || startAt >= total) break
      }
      return issues
    })
  }

  getRemoteLinks(issueKey: string): Promise<RemoteLink[]> {
    return this.call(OPERATIONS.readRemoteLinks, async () => {
      const answer = await this.send('GET', path('issue', issueKey, 'remotelink'))
      return listAnswer(answer)
        .map(toRemoteLink)
        .filter((l): l is RemoteLink => l !== undefined)
    })
  }

  /**
   * A username or a user key (`JIRAUSER10100`, or an old user's first username): issues carry the
   * key, JQL takes only the username. Asked as a username first, then as a key; 404 both: null.
   */
  findUser(ref: string): Promise<UserRef | null> {
    return this.call(OPERATIONS.readUsers, async () => {
      for (const by of ['username', 'key'] as const) {
        const user = asObject(
          await unlessNotFound(this.send('GET', path('user'), { searchParams: { [by]: ref } }), {})
        )
        const name = typeof user.name === 'string' ? user.name : ''
        const key = typeof user.key === 'string' && user.key !== '' ? user.key : name
        if (name !== '') return { id: key, jql: name }
      }
      return null
    })
  }

  getWatchers(issueKey: string): Promise<JiraUser[]> {
    return this.call(OPERATIONS.readWatchers, async () => {
      const answer = await this.send('GET', path('issue', issueKey, 'watchers'))
      return listIn(answer, 'watchers')
        .map(toJiraUser)
        .filter((u): u is JiraUser => u !== null)
    })
  }

  async upsertRemoteLink(issueKey: string, link: RemoteLinkInput): Promise<void> {
    if (link.globalId === '' || link.globalId.length > GLOBAL_ID_MAX) {
      throw new Error(`Remote link globalId must be 1 to ${GLOBAL_ID_MAX} characters.`)
    }
    return await this.call(OPERATIONS.writeRemoteLinks, async () => {
      await this.send('POST', path('issue', issueKey, 'remotelink'), {
        body: remoteLinkBody(link)
      })
    })
  }

  deleteRemoteLink(issueKey: string, globalId: string): Promise<void> {
    // Already gone (or the issue is): the goal is reached.
    return this.call(OPERATIONS.writeRemoteLinks, async () => {
      await unlessNotFound(
        this.send('DELETE', path('issue', issueKey, 'remotelink'), { searchParams: { globalId } }),
        undefined
      )
    })
  }

  getTransitions(issueKey: string): Promise<Transition[]> {
    return this.call(OPERATIONS.readTransitions, async () =>
      toTransitions(
        await this.send('GET', path('issue', issueKey, 'transitions'), {
          searchParams: { expand: 'transitions.fields' }
        })
      )
    )
  }

  transitionIssue(
    issueKey: string,
    transitionId: string,
    fill?: TransitionFill
  ): Promise<TransitionOutcome> {
    return this.call(OPERATIONS.transitionIssues, async () => {
      try {
        await this.send('POST', path('issue', issueKey, 'transitions'), {
          body: { transition: { id: transitionId }, ...transitionFieldsJson(fill) }
        })
        return { ok: true }
      } catch (error) {
        // 400: a screen with required fields, a validator, a transition no longer available.
        if (isApiError(error) && error.status === 400) {
          return {
            ok: false,
            reason: detailOf(error.body) || error.message,
            fields: fieldsRefused(error)
          }
        }
        throw error
      }
    })
  }

  private static commentBody(comment: CommentInput) {
    return {
      body: toWiki(comment.body),
      ...(comment.visibility ? { visibility: { ...comment.visibility } } : {})
    }
  }

  addComment(issueKey: string, comment: CommentInput): Promise<string> {
    return this.call(OPERATIONS.writeComments, async () => {
      const written = asObject(
        await this.send('POST', path('issue', issueKey, 'comment'), {
          body: DataCenterJira.commentBody(comment)
        })
      )
      if (typeof written.id !== 'string' || written.id === '') {
        throw new Error(`Jira created a comment on ${issueKey} without an id.`)
      }
      return written.id
    })
  }

  /**
   * Data Center's comment update takes no `notifyUsers` (only `expand`) and always fires the
   * "comment edited" event, which mails the watchers. So the comment is read first and left alone
   * when it already says the same: a rerun notifies nobody.
   */
  updateComment(issueKey: string, commentId: string, comment: CommentInput): Promise<boolean> {
    return this.call(OPERATIONS.writeComments, async () => {
      const url = path('issue', issueKey, 'comment', commentId)
      const wanted = DataCenterJira.commentBody(comment)
      const rewrite = async () => {
        if (!sameComment(objectAnswer(await this.send('GET', url)), wanted)) {
          await this.send('PUT', url, { body: wanted })
        }
        return true
      }
      return unlessNotFound(rewrite(), false)
    })
  }

  deleteComment(issueKey: string, commentId: string): Promise<void> {
    return this.call(OPERATIONS.writeComments, async () => {
      await unlessNotFound(
        this.send('DELETE', path('issue', issueKey, 'comment', commentId)),
        undefined
      )
    })
  }

  getIssueProperty(issueKey: string, propertyKey: string): Promise<unknown> {
    return this.call(OPERATIONS.readProperties, () =>
      unlessNotFound(
        this.send('GET', path('issue', issueKey, 'properties', propertyKey)).then(valueIn),
        null
      )
    )
  }

  setIssueProperty(issueKey: string, propertyKey: string, value: object): Promise<void> {
    return this.call(OPERATIONS.writeProperties, async () => {
      await this.send('PUT', path('issue', issueKey, 'properties', propertyKey), { body: value })
    })
  }

  createIssue(issue: NewIssue): Promise<CreatedIssue> {
    return this.call(OPERATIONS.createIssues, async () => {
      const created = asObject(
        await this.send('POST', path('issue'), {
          body: {
            fields: {
              project: { key: issue.projectKey },
              issuetype: { name: issue.issueType },
              summary: issue.summary,
              description: toWiki(issue.description),
              labels: issue.labels
            }
          }
        })
      )
      if (typeof created.key !== 'string' || created.key === '') {
        throw new Error(`Jira created an issue in ${issue.projectKey} without a key.`)
      }
      return {
        key: created.key,
        id: typeof created.id === 'string' ? created.id : '',
        url: `${this.siteUrl}/browse/${created.key}`
      }
    })
  }

  addLabels(issueKey: string, labels: string[]): Promise<void> {
    return this.call(OPERATIONS.editIssues, async () => {
      await this.send('PUT', path('issue', issueKey), {
        body: { update: { labels: labels.map((label) => ({ add: label })) } }
      })
    })
  }

  getIssueLinkTypes(): Promise<IssueLinkType[]> {
    return this.call(OPERATIONS.readLinkTypes, async () =>
      toIssueLinkTypes(await this.send('GET', path('issueLinkType')))
    )
  }

  linkIssues(typeName: string, inwardKey: string, outwardKey: string): Promise<void> {
    return this.call(OPERATIONS.linkIssues, async () => {
      await this.send('POST', path('issueLink'), {
        body: {
          type: { name: typeName },
          inwardIssue: { key: inwardKey },
          outwardIssue: { key: outwardKey }
        }
      })
    })
  }
}
