/**
 * The self-assessment API (issue 17). Every route is about the member whose session asks
 * (identity from the session only, decided before the body is read); none takes a member's
 * id. Organisers read the group's aggregates at /api/insights, and nothing else of anyone's.
 */
import {
  assessmentExportFormats, assessmentPaths, AssessmentSettingsPatch, CarryBody, CarryResponse, FeedbackBody, FeedbackResponse, GapAnalysis, Insights, InsightsQuery, MyAssessment,
  type AssessmentExportFormat,
} from '@studio/contract'
import { assessmentToCsv, assessmentToHtml } from '@studio/framework'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import { downloadHeaders, sendHtmlDownload } from '../http/text-downloads.ts'
import { byteOrderMark, dayInWords } from '../matrix/framework-files.ts'
import { carryTo, myAssessment, myGaps, updateSettings, type AssessmentContext } from './assessment.ts'
import { createFeedback } from './feedback.ts'
import { groupInsights } from './insights.ts'

const exportTypes: Record<AssessmentExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
}

export function registerAssessmentRoutes(app: FastifyInstance, context: AssessmentContext): void {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const sendFeedback = createFeedback(app, context)

  routes.get(assessmentPaths.mine, {
    preValidation: approvedOnly(),
    schema: {
      summary: 'Your own self-assessment: its document, your settings (the latest public release unless you chose another), the release\'s framework and the releases to choose from.',
      response: withErrors({ 200: MyAssessment }),
    },
  }, async (request) => myAssessment(context, approvedMember(request).id))

  routes.patch(assessmentPaths.mine, {
    preValidation: approvedOnly(),
    schema: {
      summary: 'Changes your self-assessment settings: the release (only while nothing is rated; carry otherwise), current role, PMO type, target role, and whether your ratings count in the group\'s aggregates (share).',
      body: AssessmentSettingsPatch,
      response: withErrors({ 200: MyAssessment }),
    },
  }, async (request) => updateSettings(context, approvedMember(request).id, request.body))

  routes.get(assessmentPaths.gaps, {
    preValidation: approvedOnly(),
    schema: {
      summary: 'Your gap analysis: per competency your level, what your current and target roles expect (PMO-type overrides honoured) and the gap; the largest gaps with the next level\'s descriptor.',
      response: withErrors({ 200: GapAnalysis }),
    },
  }, async (request) => myGaps(context, approvedMember(request).id))

  for (const format of assessmentExportFormats) {
    routes.get(assessmentPaths.exportFile(format), {
      preValidation: approvedOnly(),
      schema: {
        summary: `Your gap analysis as a download: ${format === 'html' ? 'a page laid out for printing to PDF (sandboxed)' : format === 'csv' ? 'CSV, one row per competency, cells safe to open in a spreadsheet' : 'JSON, as GET /api/assessment/gaps'}.`,
        response: withErrors({ 200: download(exportTypes[format].split(';')[0]!, `The gap analysis as ${format}.`) }),
      },
    }, async (request, reply) => {
      const member = approvedMember(request)
      const analysis = await myGaps(context, member.id)
      const fileName = `self-assessment-${analysis.release.slug}.${format}`
      if (format === 'html') return sendHtmlDownload(reply, fileName, assessmentToHtml(analysis, member.name, dayInWords(new Date())))
      const body = format === 'csv' ? byteOrderMark + assessmentToCsv(analysis) : `${JSON.stringify(analysis, null, 2)}\n`
      return downloadHeaders(reply, exportTypes[format], fileName).send(body)
    })
  }

  routes.post(assessmentPaths.carry, {
    preValidation: approvedOnly(),
    schema: {
      summary: 'Carries your assessment to another public release: unchanged competencies keep their rating, changed ones keep it flagged for review, new ones start blank, removed ones are listed.',
      body: CarryBody,
      response: withErrors({ 200: CarryResponse }),
    },
  }, async (request) => {
    const member = approvedMember(request)
    const report = await carryTo(context, member.id, request.body.releaseId)
    return { report, assessment: await myAssessment(context, member.id) }
  })

  routes.post(assessmentPaths.feedback, {
    preValidation: approvedOnly(),
    schema: {
      summary: '"This was hard to judge": your note becomes a comment on the competency in the matrix, signed or anonymous (no route or document then names you).',
      body: FeedbackBody,
      response: withErrors({ 201: FeedbackResponse }),
    },
  }, async (request, reply) => {
    const feedback = await sendFeedback(approvedMember(request), request.body)
    return reply.status(201).send({ feedback })
  })

  routes.get(assessmentPaths.insights, {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'What the group learns from self-assessments, organisers only: per competency and role the distribution of self-ratings, and per competency how many found it hard to judge, from members who share; a figure fewer than 5 contributed to is null.',
      querystring: InsightsQuery,
      response: withErrors({ 200: Insights }),
    },
  }, async (request) => groupInsights(context, request.query.releaseId))
}
