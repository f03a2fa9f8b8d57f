/** Self-assessment (issue 17): the member's own settings, gaps, carrying, feedback; the organisers' aggregates. */
import {
  assessmentPaths, type AssessmentSettingsPatch, type CarryResponse, type FeedbackBody, type FeedbackSummary, type GapAnalysis, type Insights, type MyAssessment,
} from '@studio/contract'
import { http } from './http.ts'

export const fetchMyAssessment = () => http.get<MyAssessment>(assessmentPaths.mine)
export const updateAssessmentSettings = (patch: AssessmentSettingsPatch) => http.patch<MyAssessment>(assessmentPaths.mine, patch)
export const fetchGaps = () => http.get<GapAnalysis>(assessmentPaths.gaps)
export const carryAssessment = (releaseId: string) => http.post<CarryResponse>(assessmentPaths.carry, { releaseId })
export const sendHardToJudge = async (body: FeedbackBody): Promise<FeedbackSummary> => (await http.post<{ feedback: FeedbackSummary }>(assessmentPaths.feedback, body)).feedback
export const fetchInsights = () => http.get<Insights>(assessmentPaths.insights)
