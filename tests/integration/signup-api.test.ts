/**
 * POST /api/signup over real HTTP: the multipart "Get involved" form, every field checked
 * with the contract's schema, attachments checked by their content, the applicant signed
 * in as pending, organisers told by mail, and the attachment downloadable by organisers only.
 */
import { ErrorCode, type Member } from '@studio/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import {
  applicantFields, call, cookiePair, docxBytes, errorOf, pdfBytes, pngBytes, postSignup, readOutbox, sessionCookie,
  wordContentTypes, zipBytes, type Upload,
} from '../support/membership.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})


describe.each(storeKinds)('sign-up on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let organisers: TestMember[]
  let contributor: TestMember

  async function setup() {
    store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const created = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Otto Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
    ])
    organisers = created.slice(0, 2)
    contributor = created[2]!
    running = await startStudio(store)
    cleanups.push(() => running.close())
  }

  async function me(cookie: string): Promise<Member> {
    const response = await call(running, 'GET', '/api/me', { cookie })
    expect(response.status).toBe(200)
    return ((await response.json()) as { user: Member }).user
  }

  /** A failed sign-up stored nothing: the same email signs up afterwards, without a file. */
  async function expectNothingStored(email: string) {
    const retry = await postSignup(running, applicantFields('Retry Applicant', { email }))
    expect(retry.status).toBe(201)
    expect((await me(cookiePair(retry))).hasAttachment).toBe(false)
  }

  it('creates a pending applicant, signs them in, and /api/me shows every answer', async () => {
    await setup()
    const response = await postSignup(running, applicantFields('Ann Applicant', {
      email: ' Ann@Applicants.Example ', organisation: 'Acme PMO Ltd', jobTitle: 'PMO lead', location: 'Chicago, USA',
      pmoTypes: ['programme-office', 'centre-of-excellence'], frameworkExperience: 'yes',
      contribution: 'Reviewing the competency matrix', attendance: 'either',
    }), { fileName: 'cv.pdf', data: pdfBytes(), type: 'application/pdf' })
    expect(response.status).toBe(201)
    const body = (await response.json()) as { id: string; status: string }
    expect(body).toEqual({ id: expect.any(String), status: 'pending' })

    const user = await me(cookiePair(response))
    expect(user).toMatchObject({
      id: body.id, name: 'Ann Applicant', email: 'ann@applicants.example', role: 'contributor', status: 'pending',
      organisation: 'Acme PMO Ltd', jobTitle: 'PMO lead', location: 'Chicago, USA', timezone: 'America/Chicago',
      pmoTypes: ['programme-office', 'centre-of-excellence'], frameworkExperience: 'yes',
      contribution: 'Reviewing the competency matrix', attendance: 'either', hasAttachment: true, decidedAt: null, reason: null,
    })
    // Pending: signed in, but no access to anything that needs approval.
    expect((await call(running, 'GET', '/api/people', { cookie: cookiePair(response) })).status).toBe(403)
  })

  it('answers 400 listing every missing field, and stores nothing', async () => {
    await setup()
    const response = await postSignup(running, { organisation: 'Only an organisation' })
    expect(response.status).toBe(400)
    const body = await errorOf(response)
    expect(body.error.code).toBe(ErrorCode.invalid)
    expect(body.error.field).toBe('name')
    expect(body.errors.map((error) => error.field)).toEqual(['name', 'email', 'password', 'timezone', 'attendance', 'consent'])
    expect(sessionCookie(response)).toBeUndefined()
  })

  it('answers 400 listing every invalid value: a short password, an unknown time zone, attendance maybe, PMO type other', async () => {
    await setup()
    const fields = applicantFields('Val Invalid', {
      password: 'elevenchars', timezone: 'Mars/Olympus', attendance: 'maybe', pmoTypes: ['project-office', 'other'],
    })
    const response = await postSignup(running, fields)
    expect(response.status).toBe(400)
    const body = await errorOf(response)
    expect(body.errors.map((error) => error.field)).toEqual(['password', 'timezone', 'attendance', 'pmoTypes.1'])
    expect(body.errors.find((error) => error.field === 'password')!.message).toContain('12')
    expect(sessionCookie(response)).toBeUndefined()
    await expectNothingStored(fields.email as string)
  })

  it('answers 400 when the consent box is not ticked', async () => {
    await setup()
    const response = await postSignup(running, applicantFields('No Consent', { consent: 'no' }))
    expect(response.status).toBe(400)
    expect((await errorOf(response)).errors.map((error) => error.field)).toEqual(['consent'])
  })

  it('answers 400 to a body that is not multipart', async () => {
    await setup()
    const response = await call(running, 'POST', '/api/signup', { body: applicantFields('Jason Json') })
    expect(response.status).toBe(400)
    expect((await errorOf(response)).error.code).toBe(ErrorCode.invalid)
    await expectNothingStored('jason.json@applicants.example')
  })

  it('answers 409 email-taken for an address already registered, whatever its case', async () => {
    await setup()
    expect((await postSignup(running, applicantFields('Ann First', { email: 'ann@x.org' }))).status).toBe(201)
    const again = await postSignup(running, applicantFields('Ann Second', { email: 'ANN@x.org' }))
    expect(again.status).toBe(409)
    const body = await errorOf(again)
    expect(body.error.code).toBe(ErrorCode.emailTaken)
    expect(body.error.field).toBe('email')
    expect(sessionCookie(again)).toBeUndefined()
    const existing = await postSignup(running, applicantFields('Olga Again', { email: organisers[0]!.email }))
    expect(existing.status).toBe(409)
  })

  it.each<[string, () => Upload]>([
    ['a PDF', () => ({ fileName: 'cv.pdf', data: pdfBytes(), type: 'application/pdf' })],
    ['a PNG', () => ({ fileName: 'Photo.PNG', data: pngBytes(), type: 'image/png' })],
    ['a UTF-8 text file', () => ({ fileName: 'notes.txt', data: 'Ten years running a PMO — café notes ✓\n', type: 'text/plain' })],
    ['a Word document', () => ({ fileName: 'cv.docx', data: docxBytes() })],
  ])('accepts %s as the attachment', async (_what, upload) => {
    await setup()
    const response = await postSignup(running, applicantFields('Ada Attached'), upload())
    expect(response.status, await response.clone().text()).toBe(201)
    expect((await me(cookiePair(response))).hasAttachment).toBe(true)
  })

  it.each<[string, () => Upload]>([
    ['a .pdf whose content is text', () => ({ fileName: 'cv.pdf', data: 'This is not really a PDF.' })],
    ['a .pdf that is a Windows program', () => ({ fileName: 'cv.pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]) })],
    ['an .exe', () => ({ fileName: 'setup.exe', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]) })],
    ['a .png whose content is a PDF', () => ({ fileName: 'photo.png', data: pdfBytes() })],
    ['a .txt containing a NUL byte', () => ({ fileName: 'notes.txt', data: Buffer.from('plain text\u0000with a NUL', 'utf8') })],
    ['a .txt that is not valid UTF-8', () => ({ fileName: 'notes.txt', data: Buffer.from([0x68, 0x69, 0xc3, 0x28, 0xff, 0x0a]) })],
    ['an empty .txt', () => ({ fileName: 'notes.txt', data: Buffer.alloc(0) })],
    ['a .docx that is a plain zip', () => ({ fileName: 'cv.docx', data: zipBytes([{ name: 'hello.txt', data: 'hello' }]) })],
    ['a .docx that declares Word content but holds no word/document.xml', () => ({
      fileName: 'cv.docx', data: zipBytes([{ name: '[Content_Types].xml', data: wordContentTypes() }, { name: 'docProps/app.xml', data: '<Properties/>' }]),
    })],
  ])('refuses %s with 415 and stores nothing', async (_what, upload) => {
    await setup()
    const fields = applicantFields('Fay Filetype')
    const response = await postSignup(running, fields, upload())
    expect(response.status).toBe(415)
    const body = await errorOf(response)
    expect(body.error.code).toBe(ErrorCode.fileTypeNotAllowed)
    expect(body.error.field).toBe('attachment')
    expect(sessionCookie(response)).toBeUndefined()
    await expectNothingStored(fields.email as string)
  })

  // A stored (uncompressed) [Content_Types].xml mentions the part by name; only the zip's directory counts.
  it('refuses a .docx that only mentions word/document.xml in its content types, without holding it', async () => {
    await setup()
    const data = zipBytes([{ name: '[Content_Types].xml', data: wordContentTypes(true) }, { name: 'docProps/app.xml', data: '<Properties/>' }])
    const response = await postSignup(running, applicantFields('Zed Zip'), { fileName: 'cv.docx', data })
    expect(response.status).toBe(415)
  })

  it('accepts a file of exactly 1 MB and refuses one byte more with 413 file-too-large, storing nothing', async () => {
    await setup()
    const exactly = await postSignup(running, applicantFields('Max Megabyte'), { fileName: 'long.txt', data: Buffer.alloc(1024 * 1024, 'a') })
    expect(exactly.status).toBe(201)

    const fields = applicantFields('Ole Oversize')
    const over = await postSignup(running, fields, { fileName: 'long.txt', data: Buffer.alloc(1024 * 1024 + 1, 'a') })
    expect(over.status).toBe(413)
    const body = await errorOf(over)
    expect(body.error.code).toBe(ErrorCode.fileTooLarge)
    expect(body.error.field).toBe('attachment')
    expect(sessionCookie(over)).toBeUndefined()
    await expectNothingStored(fields.email as string)
  })

  it('mails every organiser, and nobody else, naming the applicant', async () => {
    await setup()
    const response = await postSignup(running, applicantFields('Nina Newcomer', { organisation: 'Globex PMO' }))
    expect(response.status).toBe(201)
    const mails = await readOutbox(running, store)
    expect(mails.map((mail) => mail.to).sort()).toEqual(organisers.map((organiser) => organiser.email).sort())
    for (const mail of mails) {
      expect(mail.subject).toContain('Nina Newcomer')
      expect(mail.text).toContain('Nina Newcomer <nina.newcomer@applicants.example> of Globex PMO')
      expect(mail.text).toContain(`${running.url}/members`)
    }
    expect(mails.some((mail) => mail.to === contributor.email)).toBe(false)
  })

  it('lets organisers download the attachment under its own file name and size, byte for byte, with nosniff', async () => {
    await setup()
    const pdf = pdfBytes()
    const response = await postSignup(running, applicantFields('Dora Download'), { fileName: 'Dora "CV" final.pdf', data: pdf, type: 'application/pdf' })
    const { id } = (await response.json()) as { id: string }
    const organiserCookie = await signIn(running.url, organisers[0]!.email)

    const download = await call(running, 'GET', `/api/members/${id}/attachment`, { cookie: organiserCookie })
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-length')).toBe(String(pdf.length))
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    // RFC 6266: a plain ASCII name for old clients, the name itself in UTF-8 for browsers.
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Dora _CV_ final.pdf"; filename*=UTF-8''Dora%20%22CV%22%20final.pdf`)

    const accented = await postSignup(running, applicantFields('Zoë Résumé', { email: 'zoe@applicants.example' }), { fileName: 'C:\\fakepath\\Résumé – Zoë.pdf', data: pdf, type: 'application/pdf' })
    const other = await call(running, 'GET', `/api/members/${((await accented.json()) as { id: string }).id}/attachment`, { cookie: organiserCookie })
    expect(other.headers.get('content-disposition')).toBe(`attachment; filename="Resume _ Zoe.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%93%20Zo%C3%AB.pdf`)
  })

  it('refuses the attachment to a contributor (403), to the applicant (403) and without a session (401)', async () => {
    await setup()
    const response = await postSignup(running, applicantFields('Pia Private'), { fileName: 'cv.pdf', data: pdfBytes() })
    const { id } = (await response.json()) as { id: string }
    const contributorCookie = await signIn(running.url, contributor.email)
    expect((await call(running, 'GET', `/api/members/${id}/attachment`, { cookie: contributorCookie })).status).toBe(403)
    expect((await call(running, 'GET', `/api/members/${id}/attachment`, { cookie: cookiePair(response) })).status).toBe(403)
    const anonymous = await call(running, 'GET', `/api/members/${id}/attachment`)
    expect(anonymous.status).toBe(401)
    expect((await errorOf(anonymous)).error.code).toBe(ErrorCode.unauthenticated)
  })

  it('answers 404 for a member without an attachment', async () => {
    await setup()
    const response = await postSignup(running, applicantFields('Nora Nofile'))
    const { id } = (await response.json()) as { id: string }
    const organiserCookie = await signIn(running.url, organisers[0]!.email)
    const missing = await call(running, 'GET', `/api/members/${id}/attachment`, { cookie: organiserCookie })
    expect(missing.status).toBe(404)
    expect((await errorOf(missing)).error.code).toBe(ErrorCode.notFound)
    expect((await me(cookiePair(response))).hasAttachment).toBe(false)
  })
})
