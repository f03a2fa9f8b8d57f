/**
 * `pnpm studio <command>`: administration from the shell.
 *   user:create --email E --name N --role organiser|contributor|observer [--timezone Z]
 * creates an approved member; the password comes from STUDIO_PASSWORD, else standard input.
 *   backup --out FILE      writes one consistent archive of the configured store (backup/).
 *   restore FILE           restores an archive into the configured store, which must be empty.
 *   migrate --to URL       copies the SQLite workspace into an empty PostgreSQL database and checks the copy.
 * Exit 0 on success, 1 with a message otherwise.
 */
import { emailSchema, nameSchema, passwordSchema, roles, timezoneSchema, type Role } from '@studio/contract'
import { text } from 'node:stream/consumers'
import { parseArgs } from 'node:util'
import { insertMember } from './store/members-repository.ts'
import { hashPassword } from './accounts/passwords.ts'
import { loadConfig } from './config.ts'
import { HttpError } from './http/errors.ts'
import { openStore } from './store/database.ts'
import { backupCommand, migrateCommand, MigrationMismatch, restoreCommand } from './backup/backup-commands.ts'
import { ArchiveError } from './backup/read-backup.ts'

const usage = 'Usage: pnpm studio user:create --email E --name N --role organiser|contributor|observer [--timezone Europe/London]\n' +
  'The password is read from STUDIO_PASSWORD, or else from standard input.\n' +
  '       pnpm studio backup --out FILE\n' +
  '       pnpm studio restore FILE\n' +
  '       pnpm studio migrate --to postgres://USER@HOST/DATABASE'

class UsageError extends Error {}

async function createUser(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, timezone: { type: 'string', default: 'Europe/London' } },
    strict: true,
  })
  const problems: string[] = []
  const check = <T>(label: string, result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T | undefined => {
    if (result.success) return result.data
    problems.push(`--${label}: ${result.error.issues[0]?.message}`)
    return undefined
  }
  const email = check('email', emailSchema.safeParse(values.email))
  const name = check('name', nameSchema.safeParse(values.name))
  const timezone = check('timezone', timezoneSchema.safeParse(values.timezone))
  const role = values.role as Role
  if (!roles.includes(role)) problems.push(`--role: choose one of ${roles.join(', ')}.`)
  if (problems.length > 0) throw new UsageError(problems.join('\n'))

  const rawPassword = process.env.STUDIO_PASSWORD ?? (await text(process.stdin)).replace(/\r?\n$/, '')
  const password = passwordSchema.safeParse(rawPassword)
  if (!password.success) throw new UsageError(`Password: ${password.error.issues[0]?.message}`)

  const store = await openStore(loadConfig())
  try {
    const row = await insertMember(store.db, {
      email: email!, name: name!, role, status: 'approved', timezone: timezone!, attendance: 'either',
      passwordHash: await hashPassword(password.data),
    })
    return `Created ${row.role} ${row.name} <${row.email}> (${row.id}).`
  } finally {
    await store.close()
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  try {
    const commands: Record<string, (args: string[]) => Promise<string>> = {
      'user:create': createUser,
      backup: (args) => backupCommand(args, UsageError),
      restore: (args) => restoreCommand(args, UsageError),
      migrate: (args) => migrateCommand(args, UsageError),
    }
    const chosen = command ? commands[command] : undefined
    if (!chosen) throw new UsageError(command ? `Unknown command "${command}".` : 'Name a command.')
    console.log(await chosen(args))
    return 0
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n${usage}`)
    else if (error instanceof HttpError || error instanceof ArchiveError || error instanceof MigrationMismatch) console.error(error.message)
    else if (error instanceof Error && error.name === 'ConfigError') console.error(error.message)
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) console.error(`${error.message}\n${usage}`)
    else console.error(error)
    return 1
  }
}

process.exitCode = await run(process.argv.slice(2))
