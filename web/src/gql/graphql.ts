/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The kind of fact an advisory points out to the reviewer. */
export type AdvisoryCode =
  /** The record is already concentrator or completer and the insert improves no flag. */
  | 'ALREADY_CONCENTRATOR_OR_COMPLETER'
  /** The credit adjustment window of the record's fiscal year is open; the LEA may be able to use it instead. */
  | 'ALTERNATIVE_METHOD_MAY_BE_AVAILABLE'
  /** The LEA changed the credits or justification after the last review action. */
  | 'CHANGED_SINCE_LAST_REVIEW'
  /** The participant fiscal year has moved on since submission; an approval puts the credits into the current year's record. */
  | 'FISCAL_YEAR_NO_LONGER_CURRENT'
  /** No evidence file is attached to the request. */
  | 'NO_EVIDENCE_ATTACHED'
  /** The insert changes none of the record's flags. */
  | 'NO_STATUS_CHANGE'
  /** Credit has already been inserted into this course of this student by an approved request (any year). */
  | 'PRIOR_INSERTION'
  /** The program has been taken off the Approved Program list since submission; approval will be refused. */
  | 'PROGRAM_NO_LONGER_APPROVED'
  /** The retired SUID still has a P/C record in the participant fiscal year. */
  | 'RETIRED_SUID_STILL_ACTIVE'
  /** The student has left secondary education (date in the message). */
  | 'STUDENT_LEFT'
  /** The course's total after the insert would exceed the configured usual maximum for one course. */
  | 'UNUSUAL_COURSE_TOTAL';

/** A reviewer's approval of a request pending review. */
export type ApproveChangeRequestInput = {
  /** Any text; the payload returns it as given. */
  clientMutationId?: string | null | undefined;
  /** A note for the LEA and the history; optional. */
  comment?: string | null | undefined;
  /** The version the user's screen shows; when given and the request has changed since, the action is refused with STALE_VERSION. */
  expectedVersion?: number | null | undefined;
  /** The change request's global id. */
  id: string | number;
};

/** What happened to a change request in one event of its history. */
export type ChangeRequestEventKind =
  /** A reviewer approved; the credits were inserted. */
  | 'APPROVED'
  /** The LEA answered, possibly changing credits, justification or evidence; the request is back in review. */
  | 'INFORMATION_PROVIDED'
  /** A reviewer asked the LEA for more information. */
  | 'MORE_INFORMATION_REQUESTED'
  /** A reviewer rejected the request. */
  | 'REJECTED'
  /** An LEA user submitted the request. */
  | 'SUBMITTED'
  /** The LEA withdrew the request. */
  | 'WITHDRAWN';

/** Narrows changeRequests; every condition given must hold. Naming a school or LEA that is not the viewer's is FORBIDDEN. */
export type ChangeRequestFilter = {
  /** Only requests for this fiscal year's records (2027 = July 2026 to June 2027): the year submitted for, or the year an approved request's credits went into. */
  fiscalYear?: number | null | undefined;
  /** Only requests for schools of this LEA. */
  leaEntityId?: number | null | undefined;
  /** Only requests for this school. */
  schoolEntityId?: number | null | undefined;
  /** Only requests in one of these statuses; null or empty for all. */
  status?: Array<ChangeRequestStatus> | null | undefined;
  /** Only requests submitted later than this time. */
  submittedAfter?: string | null | undefined;
  /** Only requests submitted earlier than this time. */
  submittedBefore?: string | null | undefined;
  /** Only requests for this student. */
  suid?: string | null | undefined;
};

/** The order of a page of change requests: by submission time, then id; a cursor continues the order it came from. */
export type ChangeRequestOrder =
  /** The most recently submitted first. */
  | 'NEWEST_FIRST'
  /** The longest waiting first: a reviewer's queue. */
  | 'OLDEST_FIRST';

/** Where a change request stands. PENDING_REVIEW and MORE_INFORMATION_REQUESTED are open; the other three are final. */
export type ChangeRequestStatus =
  /** Approved: the credits have been inserted into the P/C record. */
  | 'APPROVED'
  /** A reviewer asked the LEA a question; waiting for the LEA's provideInformation (or withdrawal). */
  | 'MORE_INFORMATION_REQUESTED'
  /** Submitted (or answered) and waiting for an ADE reviewer's decision. */
  | 'PENDING_REVIEW'
  /** Rejected by a reviewer, with a rejectionReason; nothing was inserted. */
  | 'REJECTED'
  /** Withdrawn by the LEA before a decision; nothing was inserted. */
  | 'WITHDRAWN';

/** How a course of an approved program is delivered; by default only STANDARD courses count toward concentrator status. */
export type CourseKind =
  /** Cooperative education: work-based learning in a job tied to the program. */
  | 'COOPERATIVE_EDUCATION'
  /** An internship: work-based learning at a workplace. */
  | 'INTERNSHIP'
  /** A course taught in the program's classes. */
  | 'STANDARD';

/** Why a student left secondary education. */
export type ExitReason =
  /** The student dropped out. */
  | 'DROPPED_OUT'
  /** The student graduated. */
  | 'GRADUATED'
  /** Any other reason for leaving. */
  | 'OTHER';

/** Why the credit is missing from the student's P/C record. */
export type InsertCreditsReason =
  /** Credits earned at another Arizona school that did not report them. */
  | 'IN_STATE_TRANSFER_UNREPORTED'
  /** Any other reason, explained in the justification. */
  | 'OTHER'
  /** Transcribed CTE credits from out of state. */
  | 'OUT_OF_STATE_TRANSFER'
  /** Credits reported under a retired SUID that was replaced by this student's SUID; retiredSuid names it. */
  | 'RETIRED_SUID';

/** What an LEA user would submit, to see its effect and problems before submitting. */
export type PreviewInsertCreditsRequestInput = {
  /** The course of the program the credits go into. */
  courseNumber: string;
  /** The credits to insert, a decimal string such as "0.5": positive, at most two decimal places and at most the configured maximum. */
  credits: string;
  /** Grade in which the credit was awarded (9 to 12). */
  gradeLevel: number;
  /** The approved program of the record, e.g. "12.0500". */
  programNumber: string;
  /** Why the credit is missing from the record. */
  reason: InsertCreditsReason;
  /** Required when reason is RETIRED_SUID. */
  retiredSuid?: string | null | undefined;
  /** The school of the student's P/C record: one of the viewer's LEAs' schools. */
  schoolEntityId: number;
  /** The student's state student identifier (SUID). */
  suid: string;
};

/** The LEA's answer to a reviewer's question; the request goes back to review. */
export type ProvideInformationInput = {
  /** Any text; the payload returns it as given. */
  clientMutationId?: string | null | undefined;
  /** The answer for the reviewer (required). */
  comment: string;
  /** Replaces the requested credit amount, if given. */
  credits?: string | null | undefined;
  /** More proof, added to the request's evidence: PDF, PNG or JPEG. */
  evidence?: Array<File> | null | undefined;
  /** The version the user's screen shows; when given and the request has changed since, the action is refused with STALE_VERSION. */
  expectedVersion?: number | null | undefined;
  /** The change request's global id. */
  id: string | number;
  /** Replaces the justification, if given. */
  justification?: string | null | undefined;
};

/** A reviewer's rejection of an open request. */
export type RejectChangeRequestInput = {
  /** Any text; the payload returns it as given. */
  clientMutationId?: string | null | undefined;
  /** The explanation for the LEA (required, visible text). */
  comment: string;
  /** The version the user's screen shows; when given and the request has changed since, the action is refused with STALE_VERSION. */
  expectedVersion?: number | null | undefined;
  /** The change request's global id. */
  id: string | number;
  /** Why the request is rejected. */
  reason: RejectionReason;
};

/** Why a reviewer rejected a change request. */
export type RejectionReason =
  /** The credit adjustment window or another method must be used instead. */
  | 'ALTERNATIVE_METHOD_AVAILABLE'
  /** The justification or evidence does not show that the credit was earned. */
  | 'INADEQUATE_JUSTIFICATION'
  /** The request tries to remedy misreported enrollment data. */
  | 'MISREPORTED_ENROLLMENT'
  /** The record is already concentrator or completer; the credit changes nothing. */
  | 'NOT_NECESSARY'
  /** Any other reason, explained in the reviewer's comment. */
  | 'OTHER';

/** A reviewer's question to the LEA about a request pending review. */
export type RequestMoreInformationInput = {
  /** Any text; the payload returns it as given. */
  clientMutationId?: string | null | undefined;
  /** What the LEA is asked to provide (required, visible text). */
  comment: string;
  /** The version the user's screen shows; when given and the request has changed since, the action is refused with STALE_VERSION. */
  expectedVersion?: number | null | undefined;
  /** The change request's global id. */
  id: string | number;
};

/** What a signed-in user may see and do, from their token's role claim. */
export type Role =
  /** ADE staff who manage the fiscal calendar; may also review. */
  | 'ADMIN'
  /** District, charter or CTED staff acting for the LEAs named in their token. */
  | 'LEA_USER'
  /** ADE CTE Data and Accountability staff who review change requests. */
  | 'REVIEWER';

/** An admin's setting of one fiscal year's P/C record creation dates. Omitted dates keep their value; a null date clears it. */
export type SetFiscalYearDatesInput = {
  /** The day final P/C records were created (ISO 8601 date); not before the preliminary one. */
  finalRecordsCreatedOn?: string | null | undefined;
  /** The fiscal year, named by the year it ends (2027 = July 2026 to June 2027); 2000 to 2100. */
  fiscalYear: number;
  /** The day preliminary P/C records were created (ISO 8601 date). */
  preliminaryRecordsCreatedOn?: string | null | undefined;
};

/** An LEA user's request to insert credits into one course of a student's P/C record in the participant fiscal year. */
export type SubmitInsertCreditsRequestInput = {
  /** Any text; the payload returns it as given. */
  clientMutationId?: string | null | undefined;
  /** The course of the program the credits go into. */
  courseNumber: string;
  /** The credits to insert, a decimal string such as "0.5": positive, at most two decimal places and at most the configured maximum. */
  credits: string;
  /** Proof such as a transcript: PDF, PNG or JPEG. */
  evidence?: Array<File> | null | undefined;
  /** Grade in which the credit was awarded (9 to 12). */
  gradeLevel: number;
  /** Resending a submission with the same key returns the first request instead of creating another. */
  idempotencyKey?: string | null | undefined;
  /** Why the credit was not recorded, and what proves it was earned. */
  justification: string;
  /** The approved program of the record, e.g. "12.0500". */
  programNumber: string;
  /** Why the credit is missing from the record. */
  reason: InsertCreditsReason;
  /** Required when reason is RETIRED_SUID. */
  retiredSuid?: string | null | undefined;
  /** The school of the student's P/C record: one of the viewer's LEAs' schools. */
  schoolEntityId: number;
  /** The student's state student identifier (SUID). */
  suid: string;
};

/** Why a mutation (or a preview) refused its input; the message says more for people. */
export type UserErrorCode =
  /** An evidence file is larger than the size limit (10 MiB unless configured otherwise). */
  | 'ATTACHMENT_TOO_LARGE'
  /** An evidence file is not a PDF, PNG or JPEG (judged by its content). */
  | 'ATTACHMENT_TYPE_NOT_ALLOWED'
  /** The course is not one of the program's courses. */
  | 'COURSE_NOT_IN_PROGRAM'
  /** An open request for the same student, school, program and course exists. */
  | 'DUPLICATE_REQUEST'
  /** The viewer's role or LEAs do not allow this (for instance another LEA's school, or a review action by an LEA user). */
  | 'FORBIDDEN'
  /** Credits awarded before ninth grade may not be inserted. */
  | 'GRADE_BELOW_NINE'
  /** The request's status does not allow this action. */
  | 'INVALID_TRANSITION'
  /** A value is malformed or out of range (field names it): for instance credits that are not positive or have more than two decimal places, or an empty justification. */
  | 'INVALID_VALUE'
  /** The object named does not exist or the viewer may not see it. */
  | 'NOT_FOUND'
  /** The student has no P/C record at the school in the participant fiscal year. */
  | 'NO_PARTICIPANT_RECORD'
  /** The program is not on the Approved Program list. */
  | 'PROGRAM_NOT_APPROVED'
  /** None of the student's P/C records at the school is for this program. */
  | 'PROGRAM_NOT_ON_RECORD'
  /** The retired SUID has no P/C record in the request's program. */
  | 'RETIRED_SUID_HAS_NO_RECORD'
  /** expectedVersion does not match: someone changed the request first. */
  | 'STALE_VERSION'
  /** The student left secondary education before the participant fiscal year. */
  | 'STUDENT_EXITED';

/** The LEA's withdrawal of its own open request. */
export type WithdrawChangeRequestInput = {
  /** Any text; the payload returns it as given. */
  clientMutationId?: string | null | undefined;
  /** Why the LEA withdraws it; optional. */
  comment?: string | null | undefined;
  /** The version the user's screen shows; when given and the request has changed since, the action is refused with STALE_VERSION. */
  expectedVersion?: number | null | undefined;
  /** The change request's global id. */
  id: string | number;
};

export type ViewerBar_ViewerFragment = { name: string, role: Role, leas: Array<{ entityId: number, name: string }> } & { ' $fragmentName'?: 'ViewerBar_ViewerFragment' };

export type AppViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type AppViewerQuery = { viewer: (
    { role: Role }
    & { ' $fragmentRefs'?: { 'ViewerBar_ViewerFragment': ViewerBar_ViewerFragment;'SchoolPicker_ViewerFragment': SchoolPicker_ViewerFragment } }
  ) };

export type Actions_RequestFragment = { id: string, version: number, status: ChangeRequestStatus, credits: string, justification: string, evidence: Array<{ id: string }> } & { ' $fragmentName'?: 'Actions_RequestFragment' };

export type ApproveMutationVariables = Exact<{
  input: ApproveChangeRequestInput;
}>;


export type ApproveMutation = { approveChangeRequest: { changeRequest: { id: string, version: number, status: ChangeRequestStatus } | null, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type RejectMutationVariables = Exact<{
  input: RejectChangeRequestInput;
}>;


export type RejectMutation = { rejectChangeRequest: { changeRequest: { id: string, version: number, status: ChangeRequestStatus } | null, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type RequestInformationMutationVariables = Exact<{
  input: RequestMoreInformationInput;
}>;


export type RequestInformationMutation = { requestMoreInformation: { changeRequest: { id: string, version: number, status: ChangeRequestStatus } | null, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type ProvideInformationMutationVariables = Exact<{
  input: ProvideInformationInput;
}>;


export type ProvideInformationMutation = { provideInformation: { changeRequest: { id: string, version: number, status: ChangeRequestStatus } | null, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type WithdrawMutationVariables = Exact<{
  input: WithdrawChangeRequestInput;
}>;


export type WithdrawMutation = { withdrawChangeRequest: { changeRequest: { id: string, version: number, status: ChangeRequestStatus } | null, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type Evidence_RequestFragment = { evidence: Array<{ id: string, filename: string, contentType: string, size: number, downloadUrl: string }> } & { ' $fragmentName'?: 'Evidence_RequestFragment' };

export type SchoolPicker_ViewerFragment = { leas: Array<{ entityId: number, name: string, schools: Array<{ entityId: number, name: string }> }> } & { ' $fragmentName'?: 'SchoolPicker_ViewerFragment' };

export type FindRecordsQueryVariables = Exact<{
  suid: string;
  school: number;
}>;


export type FindRecordsQuery = { participantRecords: Array<(
    { id: string, student: { suid: string, firstName: string, lastName: string } }
    & { ' $fragmentRefs'?: { 'RecordCard_RecordFragment': RecordCard_RecordFragment;'InsertCreditsForm_RecordFragment': InsertCreditsForm_RecordFragment } }
  )>, fiscalYearStatus: { participantFiscalYear: number } };

export type FiscalCalendarQueryVariables = Exact<{ [key: string]: never; }>;


export type FiscalCalendarQuery = { fiscalYearStatus: { enrollmentFiscalYear: number, participantFiscalYear: number, preliminaryRecordsCreatedOn: string | null, finalRecordsCreatedOn: string | null, creditAdjustmentWindowOpen: boolean } };

export type SetFiscalYearDatesMutationVariables = Exact<{
  input: SetFiscalYearDatesInput;
}>;


export type SetFiscalYearDatesMutation = { setFiscalYearDates: { fiscalYearDates: { fiscalYear: number } | null, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type Flags_FlagsFragment = { participant: boolean, concentrator: boolean, completer: boolean, placementSurveyEligible: boolean } & { ' $fragmentName'?: 'Flags_FlagsFragment' };

export type History_RequestFragment = { history: Array<{ id: string, kind: ChangeRequestEventKind, at: string, comment: string | null, toStatus: ChangeRequestStatus, actor: { name: string, role: Role } }> } & { ' $fragmentName'?: 'History_RequestFragment' };

export type InsertCreditsForm_RecordFragment = { id: string, program: { programNumber: string, name: string, courses: Array<{ courseNumber: string, name: string }> } } & { ' $fragmentName'?: 'InsertCreditsForm_RecordFragment' };

export type SubmitInsertCreditsMutationVariables = Exact<{
  input: SubmitInsertCreditsRequestInput;
}>;


export type SubmitInsertCreditsMutation = { submitInsertCreditsRequest: { changeRequest: { id: string } | null, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type PlacementRow_RecordFragment = { id: string, fiscalYear: number, student: { suid: string, firstName: string, lastName: string, exitedOn: string | null, exitReason: ExitReason | null }, school: { entityId: number, name: string }, program: { programNumber: string, name: string } } & { ' $fragmentName'?: 'PlacementRow_RecordFragment' };

export type PlacementSurveyQueryVariables = Exact<{
  fiscalYear?: number | null | undefined;
  school?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PlacementSurveyQuery = { placementSurveyList: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: (
        { id: string }
        & { ' $fragmentRefs'?: { 'PlacementRow_RecordFragment': PlacementRow_RecordFragment } }
      ) }> } };

export type PreviewInsertCreditsQueryVariables = Exact<{
  input: PreviewInsertCreditsRequestInput;
}>;


export type PreviewInsertCreditsQuery = { previewInsertCreditsRequest: { impact: { changesStatus: boolean, before: { ' $fragmentRefs'?: { 'Flags_FlagsFragment': Flags_FlagsFragment } }, after: { ' $fragmentRefs'?: { 'Flags_FlagsFragment': Flags_FlagsFragment } } } | null, advisories: Array<{ code: AdvisoryCode, message: string }>, userErrors: Array<{ code: UserErrorCode, message: string, field: Array<string> | null }> } };

export type RecordCard_RecordFragment = { id: string, fiscalYear: number, school: { name: string }, program: { programNumber: string, name: string }, courses: Array<{ reportedCredits: string, insertedCredits: string, totalCredits: string, course: { courseNumber: string, name: string, kind: CourseKind } }>, status: { ' $fragmentRefs'?: { 'Flags_FlagsFragment': Flags_FlagsFragment } } } & { ' $fragmentName'?: 'RecordCard_RecordFragment' };

export type RequestDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type RequestDetailQuery = { viewer: { role: Role }, changeRequest: (
    { id: string, status: ChangeRequestStatus, version: number, fiscalYear: number, credits: string, gradeLevel: number, reason: InsertCreditsReason, retiredSuid: string | null, justification: string, rejectionReason: RejectionReason | null, submittedAt: string, submittedBy: { name: string }, student: { suid: string, firstName: string, lastName: string, exitedOn: string | null, exitReason: ExitReason | null }, school: { name: string, lea: { name: string } }, program: { programNumber: string, name: string }, course: { courseNumber: string, name: string }, impact: { changesStatus: boolean, before: { ' $fragmentRefs'?: { 'Flags_FlagsFragment': Flags_FlagsFragment } }, after: { ' $fragmentRefs'?: { 'Flags_FlagsFragment': Flags_FlagsFragment } } }, advisories: Array<{ code: AdvisoryCode, message: string }>, record: (
      { id: string }
      & { ' $fragmentRefs'?: { 'RecordCard_RecordFragment': RecordCard_RecordFragment } }
    ) | null, retiredSuidRecords: Array<(
      { id: string }
      & { ' $fragmentRefs'?: { 'RecordCard_RecordFragment': RecordCard_RecordFragment } }
    )> }
    & { ' $fragmentRefs'?: { 'Evidence_RequestFragment': Evidence_RequestFragment;'History_RequestFragment': History_RequestFragment;'Actions_RequestFragment': Actions_RequestFragment } }
  ) | null };

export type RequestRow_RequestFragment = { id: string, status: ChangeRequestStatus, submittedAt: string, fiscalYear: number, credits: string, student: { suid: string, firstName: string, lastName: string }, school: { name: string }, course: { courseNumber: string, name: string } } & { ' $fragmentName'?: 'RequestRow_RequestFragment' };

export type RequestListQueryVariables = Exact<{
  filter?: ChangeRequestFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  order: ChangeRequestOrder;
}>;


export type RequestListQuery = { changeRequests: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: (
        { id: string, submittedAt: string }
        & { ' $fragmentRefs'?: { 'RequestRow_RequestFragment': RequestRow_RequestFragment } }
      ) }> } };

export type LiveEventsSubscriptionVariables = Exact<{
  after?: string | number | null | undefined;
}>;


export type LiveEventsSubscription = { changeRequestEvents: { id: string, kind: ChangeRequestEventKind, changeRequest: { id: string } } };

export const ViewerBar_ViewerFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerBar_viewer"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Viewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"leas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ViewerBar_ViewerFragment, unknown>;
export const Actions_RequestFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Actions_request"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"credits"}},{"kind":"Field","name":{"kind":"Name","value":"justification"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Actions_RequestFragment, unknown>;
export const Evidence_RequestFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Evidence_request"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}}]}}]}}]} as unknown as DocumentNode<Evidence_RequestFragment, unknown>;
export const SchoolPicker_ViewerFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchoolPicker_viewer"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Viewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schools"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SchoolPicker_ViewerFragment, unknown>;
export const History_RequestFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"History_request"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<History_RequestFragment, unknown>;
export const InsertCreditsForm_RecordFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InsertCreditsForm_record"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipantRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"courses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<InsertCreditsForm_RecordFragment, unknown>;
export const PlacementRow_RecordFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlacementRow_record"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipantRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suid"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"exitedOn"}},{"kind":"Field","name":{"kind":"Name","value":"exitReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PlacementRow_RecordFragment, unknown>;
export const Flags_FlagsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Flags_flags"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatusFlags"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participant"}},{"kind":"Field","name":{"kind":"Name","value":"concentrator"}},{"kind":"Field","name":{"kind":"Name","value":"completer"}},{"kind":"Field","name":{"kind":"Name","value":"placementSurveyEligible"}}]}}]} as unknown as DocumentNode<Flags_FlagsFragment, unknown>;
export const RecordCard_RecordFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecordCard_record"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipantRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"courses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reportedCredits"}},{"kind":"Field","name":{"kind":"Name","value":"insertedCredits"}},{"kind":"Field","name":{"kind":"Name","value":"totalCredits"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Flags_flags"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Flags_flags"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatusFlags"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participant"}},{"kind":"Field","name":{"kind":"Name","value":"concentrator"}},{"kind":"Field","name":{"kind":"Name","value":"completer"}},{"kind":"Field","name":{"kind":"Name","value":"placementSurveyEligible"}}]}}]} as unknown as DocumentNode<RecordCard_RecordFragment, unknown>;
export const RequestRow_RequestFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RequestRow_request"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"credits"}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suid"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RequestRow_RequestFragment, unknown>;
export const AppViewerDocument = {"__meta__":{"hash":"sha256:7cf3680c5b6da86905c6122e322f81d80c45dba659d35c0578288d1d30d3038e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerBar_viewer"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchoolPicker_viewer"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerBar_viewer"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Viewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"leas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchoolPicker_viewer"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Viewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schools"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<AppViewerQuery, AppViewerQueryVariables>;
export const ApproveDocument = {"__meta__":{"hash":"sha256:83f0282e182ce7d4f27b9394d2ab4206265f856c073fb8ba5eb022cb3bed5655"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Approve"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveChangeRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveChangeRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveMutation, ApproveMutationVariables>;
export const RejectDocument = {"__meta__":{"hash":"sha256:d8b8ee80888a9a0fa5549e67707871779fbe7ef4de2ce299f586de97f33a0a77"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Reject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RejectChangeRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectChangeRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<RejectMutation, RejectMutationVariables>;
export const RequestInformationDocument = {"__meta__":{"hash":"sha256:08c5edd5eefea358f66d08ede318c8b657b345cba41235853e6a0021b4077e30"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestInformation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestMoreInformationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestMoreInformation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<RequestInformationMutation, RequestInformationMutationVariables>;
export const ProvideInformationDocument = {"__meta__":{"hash":"sha256:d41d7fb9bf0b20281088281d2068f7e5b2a39ecf6ff0690865e71f886e239f95"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProvideInformation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProvideInformationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provideInformation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ProvideInformationMutation, ProvideInformationMutationVariables>;
export const WithdrawDocument = {"__meta__":{"hash":"sha256:103b6b59f760cb2ff32b4e1d446d523f3a1890a4e93afb6bd81818ca9abec56a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Withdraw"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WithdrawChangeRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawChangeRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawMutation, WithdrawMutationVariables>;
export const FindRecordsDocument = {"__meta__":{"hash":"sha256:5b03e7a5cb6a7726d022248327b4a75948b746de3364faa94eb4019e359dc760"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindRecords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"suid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"school"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participantRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"suid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"suid"}}},{"kind":"Argument","name":{"kind":"Name","value":"schoolEntityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"school"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suid"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"RecordCard_record"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"InsertCreditsForm_record"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYearStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participantFiscalYear"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Flags_flags"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatusFlags"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participant"}},{"kind":"Field","name":{"kind":"Name","value":"concentrator"}},{"kind":"Field","name":{"kind":"Name","value":"completer"}},{"kind":"Field","name":{"kind":"Name","value":"placementSurveyEligible"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecordCard_record"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipantRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"courses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reportedCredits"}},{"kind":"Field","name":{"kind":"Name","value":"insertedCredits"}},{"kind":"Field","name":{"kind":"Name","value":"totalCredits"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Flags_flags"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InsertCreditsForm_record"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipantRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"courses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<FindRecordsQuery, FindRecordsQueryVariables>;
export const FiscalCalendarDocument = {"__meta__":{"hash":"sha256:b9462ad0c8b9e2b52f2b0b6276b519aef066322b0ebc97078cdcae7eaf6d29f4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FiscalCalendar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fiscalYearStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrollmentFiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"participantFiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"preliminaryRecordsCreatedOn"}},{"kind":"Field","name":{"kind":"Name","value":"finalRecordsCreatedOn"}},{"kind":"Field","name":{"kind":"Name","value":"creditAdjustmentWindowOpen"}}]}}]}}]} as unknown as DocumentNode<FiscalCalendarQuery, FiscalCalendarQueryVariables>;
export const SetFiscalYearDatesDocument = {"__meta__":{"hash":"sha256:5ff640055fddb14402e55442d0b5180d41e5f4ba59c018dac7c023938ea2254b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetFiscalYearDates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetFiscalYearDatesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setFiscalYearDates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fiscalYearDates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SetFiscalYearDatesMutation, SetFiscalYearDatesMutationVariables>;
export const SubmitInsertCreditsDocument = {"__meta__":{"hash":"sha256:c21f652ef5fbc03bbfbd52d5d8c143ab6fdf04368d9b421a6c95c7f980bb00c2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitInsertCredits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitInsertCreditsRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitInsertCreditsRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitInsertCreditsMutation, SubmitInsertCreditsMutationVariables>;
export const PlacementSurveyDocument = {"__meta__":{"hash":"sha256:adceb99a1645e1e3484201ea65bca66d099c378e05328eda26ca02fd407e091e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlacementSurvey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fiscalYear"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"school"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placementSurveyList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fiscalYear"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fiscalYear"}}},{"kind":"Argument","name":{"kind":"Name","value":"schoolEntityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"school"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlacementRow_record"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlacementRow_record"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipantRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suid"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"exitedOn"}},{"kind":"Field","name":{"kind":"Name","value":"exitReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PlacementSurveyQuery, PlacementSurveyQueryVariables>;
export const PreviewInsertCreditsDocument = {"__meta__":{"hash":"sha256:db337269c6fac9b018875fe5107c595df635aa396a4a80b88cc50b72bf0f14bc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewInsertCredits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PreviewInsertCreditsRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewInsertCreditsRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changesStatus"}},{"kind":"Field","name":{"kind":"Name","value":"before"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Flags_flags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"after"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Flags_flags"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"advisories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Flags_flags"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatusFlags"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participant"}},{"kind":"Field","name":{"kind":"Name","value":"concentrator"}},{"kind":"Field","name":{"kind":"Name","value":"completer"}},{"kind":"Field","name":{"kind":"Name","value":"placementSurveyEligible"}}]}}]} as unknown as DocumentNode<PreviewInsertCreditsQuery, PreviewInsertCreditsQueryVariables>;
export const RequestDetailDocument = {"__meta__":{"hash":"sha256:45d0a8d9dd2760183f6f282ae9d0f3019b0a14c292e260f1fe18b3dffe9073ca"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RequestDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"credits"}},{"kind":"Field","name":{"kind":"Name","value":"gradeLevel"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"retiredSuid"}},{"kind":"Field","name":{"kind":"Name","value":"justification"}},{"kind":"Field","name":{"kind":"Name","value":"rejectionReason"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suid"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"exitedOn"}},{"kind":"Field","name":{"kind":"Name","value":"exitReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"lea"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"impact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changesStatus"}},{"kind":"Field","name":{"kind":"Name","value":"before"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Flags_flags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"after"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Flags_flags"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"advisories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"record"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"RecordCard_record"}}]}},{"kind":"Field","name":{"kind":"Name","value":"retiredSuidRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"RecordCard_record"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Evidence_request"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"History_request"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Actions_request"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Flags_flags"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatusFlags"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participant"}},{"kind":"Field","name":{"kind":"Name","value":"concentrator"}},{"kind":"Field","name":{"kind":"Name","value":"completer"}},{"kind":"Field","name":{"kind":"Name","value":"placementSurveyEligible"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecordCard_record"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipantRecord"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"courses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reportedCredits"}},{"kind":"Field","name":{"kind":"Name","value":"insertedCredits"}},{"kind":"Field","name":{"kind":"Name","value":"totalCredits"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Flags_flags"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Evidence_request"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"History_request"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Actions_request"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"credits"}},{"kind":"Field","name":{"kind":"Name","value":"justification"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RequestDetailQuery, RequestDetailQueryVariables>;
export const RequestListDocument = {"__meta__":{"hash":"sha256:8f4cdfce867468177c5b9bf5c61536ec618545dee83a0144880309ea12ad4a65"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RequestList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequestFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"order"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequestOrder"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"order"},"value":{"kind":"Variable","name":{"kind":"Name","value":"order"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"RequestRow_request"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RequestRow_request"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"credits"}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suid"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"school"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RequestListQuery, RequestListQueryVariables>;
export const LiveEventsDocument = {"__meta__":{"hash":"sha256:da9fd16f5de04715d6abad5cd995c52abe991f0b854cd646b755f915c07b5b05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeRequestEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<LiveEventsSubscription, LiveEventsSubscriptionVariables>;