/**
 * The scripts' command lines: `node:util` parseArgs, and one way to refuse them. A usage error
 * prints what is wrong and the usage line, and exits 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'

/** Refuses the command line: the problem, then the usage line; exit 2. */
export function refuse(usageLine: string, problem?: string): never {
  console.error(problem ? `${problem}\n${usageLine}` : usageLine)
  process.exit(2)
}

/** The parsed command line, or a usage error naming what parseArgs could not take. */
export function commandLine<T extends ParseArgsConfig>(
  usageLine: string,
  config: T
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (error) {
    return refuse(usageLine, (error as Error).message)
  }
}
