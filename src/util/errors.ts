/**
 * An error the user can fix: a bad input, a bad config file, a credential Jira rejects.
 * Its message is shown as it is (no stack trace); `file`/`line` place the annotation.
 */
export class UserError extends Error {
  readonly title: string
  readonly file?: string
  readonly line?: number
  readonly column?: number

  constructor(
    message: string,
    options: { title?: string; file?: string; line?: number; column?: number; cause?: unknown } = {}
  ) {
    super(message, { cause: options.cause })
    this.name = 'UserError'
    this.title = options.title ?? 'gitar-jira'
    this.file = options.file
    this.line = options.line
    this.column = options.column
  }
}

/**
 * Jira or GitHub down or rate-limited after the retries: no mistake to fix, only to wait out.
 * Shown as it is, like a UserError, but `fail-on-error: false` turns it into a warning.
 */
export class OutageError extends Error {
  readonly title: string

  constructor(message: string, options: { title: string; cause?: unknown }) {
    super(message, { cause: options.cause })
    this.name = 'OutageError'
    this.title = options.title
  }
}

/** Several user errors found together (e.g. every bad key of the config file), reported at once. */
export class UserErrors extends Error {
  readonly errors: UserError[]
  constructor(errors: UserError[]) {
    super(errors.map((e) => e.message).join('\n'))
    this.name = 'UserErrors'
    this.errors = errors
  }
}

/**
 * What a failure asks of people: `user`, a mistake only a person can fix (credentials,
 * permissions, config), which fails the step even with `fail-on-error: false`; `outage`, Jira or
 * GitHub down after the retries, only to wait out; `other`, anything else (a refusal of one
 * item, a bug).
 */
export type ErrorKind = 'user' | 'outage' | 'other'

/**
 * A server's refusal of one item that is no mistake of the setup (GitHub's 422 for a title too
 * long, a review thread deleted since): shown as it is, like a UserError, but of kind `other`.
 */
export class ItemRefusal extends UserError {
  constructor(message: string, options: { title?: string; cause?: unknown } = {}) {
    super(message, options)
    this.name = 'ItemRefusal'
  }
}

export function errorKind(error: unknown): ErrorKind {
  if (error instanceof ItemRefusal) return 'other'
  if (error instanceof UserError || error instanceof UserErrors) return 'user'
  return error instanceof OutageError ? 'outage' : 'other'
}

export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}
