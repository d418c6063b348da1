/** What a user sees of the config pipeline: the log lines and the errors' messages and places. */
import { jest } from '@jest/globals'
import { UserErrors } from '../../../src/util/errors.js'

/** Lines written to the job log (core.info, core.warning commands) while the test runs. */
export function captureLog(): { lines: () => string[]; restore: () => void } {
  const written: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    written.push(String(chunk))
    return true
  })
  return {
    lines: () =>
      written
        .join('')
        .split(/\r?\n/)
        .filter((line) => line !== ''),
    restore: () => spy.mockRestore()
  }
}

export interface Reported {
  message: string
  file?: string
  line?: number
  column?: number
}

/** The errors `run` throws, as the annotations would show them; fails if it throws none. */
export async function reported(run: () => unknown): Promise<Reported[]> {
  try {
    await run()
  } catch (error) {
    if (!(error instanceof UserErrors)) throw error
    return error.errors.map(({ message, file, line, column }) => ({ message, file, line, column }))
  }
  throw new Error('expected UserErrors, nothing was thrown')
}

export const messagesOf = async (run: () => unknown): Promise<string[]> =>
  (await reported(run)).map((error) => error.message)
