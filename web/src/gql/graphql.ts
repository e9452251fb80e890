/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AdvisoryCode =
  | 'ALREADY_CONCENTRATOR_OR_COMPLETER'
  | 'ALTERNATIVE_METHOD_MAY_BE_AVAILABLE'
  | 'CHANGED_SINCE_LAST_REVIEW'
  | 'FISCAL_YEAR_NO_LONGER_CURRENT'
  | 'NO_EVIDENCE_ATTACHED'
  | 'NO_STATUS_CHANGE'
  | 'PRIOR_INSERTION'
  | 'PROGRAM_NO_LONGER_APPROVED'
  | 'RETIRED_SUID_STILL_ACTIVE'
  | 'STUDENT_LEFT'
  | 'UNUSUAL_COURSE_TOTAL';

export type ApproveChangeRequestInput = {
  clientMutationId?: string | null | undefined;
  comment?: string | null | undefined;
  expectedVersion?: number | null | undefined;
  id: string | number;
};

export type ChangeRequestEventKind =
  | 'APPROVED'
  | 'INFORMATION_PROVIDED'
  | 'MORE_INFORMATION_REQUESTED'
  | 'REJECTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type ChangeRequestFilter = {
  fiscalYear?: number | null | undefined;
  leaEntityId?: number | null | undefined;
  schoolEntityId?: number | null | undefined;
  status?: Array<ChangeRequestStatus> | null | undefined;
  submittedAfter?: string | null | undefined;
  submittedBefore?: string | null | undefined;
  suid?: string | null | undefined;
};

/** By submission time, then id; a cursor continues the order it came from. */
export type ChangeRequestOrder =
  | 'NEWEST_FIRST'
  | 'OLDEST_FIRST';

export type ChangeRequestStatus =
  | 'APPROVED'
  | 'MORE_INFORMATION_REQUESTED'
  | 'PENDING_REVIEW'
  | 'REJECTED'
  | 'WITHDRAWN';

export type CourseKind =
  | 'COOPERATIVE_EDUCATION'
  | 'INTERNSHIP'
  | 'STANDARD';

export type ExitReason =
  | 'DROPPED_OUT'
  | 'GRADUATED'
  | 'OTHER';

export type InsertCreditsReason =
  | 'IN_STATE_TRANSFER_UNREPORTED'
  | 'OTHER'
  | 'OUT_OF_STATE_TRANSFER'
  | 'RETIRED_SUID';

/** What an LEA user would submit, to see its effect and problems before submitting. */
export type PreviewInsertCreditsRequestInput = {
  courseNumber: string;
  credits: string;
  gradeLevel: number;
  programNumber: string;
  reason: InsertCreditsReason;
  retiredSuid?: string | null | undefined;
  schoolEntityId: number;
  suid: string;
};

export type ProvideInformationInput = {
  clientMutationId?: string | null | undefined;
  comment: string;
  /** Replaces the requested credit amount, if given. */
  credits?: string | null | undefined;
  evidence?: Array<File> | null | undefined;
  expectedVersion?: number | null | undefined;
  id: string | number;
  /** Replaces the justification, if given. */
  justification?: string | null | undefined;
};

export type RejectChangeRequestInput = {
  clientMutationId?: string | null | undefined;
  comment: string;
  expectedVersion?: number | null | undefined;
  id: string | number;
  reason: RejectionReason;
};

export type RejectionReason =
  | 'ALTERNATIVE_METHOD_AVAILABLE'
  | 'INADEQUATE_JUSTIFICATION'
  | 'MISREPORTED_ENROLLMENT'
  | 'NOT_NECESSARY'
  | 'OTHER';

export type RequestMoreInformationInput = {
  clientMutationId?: string | null | undefined;
  comment: string;
  expectedVersion?: number | null | undefined;
  id: string | number;
};

export type Role =
  | 'ADMIN'
  | 'LEA_USER'
  | 'REVIEWER';

export type SetFiscalYearDatesInput = {
  finalRecordsCreatedOn?: string | null | undefined;
  fiscalYear: number;
  preliminaryRecordsCreatedOn?: string | null | undefined;
};

export type SubmitInsertCreditsRequestInput = {
  clientMutationId?: string | null | undefined;
  courseNumber: string;
  credits: string;
  /** Proof such as a transcript: PDF, PNG or JPEG. */
  evidence?: Array<File> | null | undefined;
  gradeLevel: number;
  /** Resending a submission with the same key returns the first request instead of creating another. */
  idempotencyKey?: string | null | undefined;
  /** Why the credit was not recorded, and what proves it was earned. */
  justification: string;
  programNumber: string;
  reason: InsertCreditsReason;
  /** Required when reason is RETIRED_SUID. */
  retiredSuid?: string | null | undefined;
  schoolEntityId: number;
  suid: string;
};

export type UserErrorCode =
  | 'ATTACHMENT_TOO_LARGE'
  | 'ATTACHMENT_TYPE_NOT_ALLOWED'
  | 'COURSE_NOT_IN_PROGRAM'
  | 'DUPLICATE_REQUEST'
  | 'FORBIDDEN'
  | 'GRADE_BELOW_NINE'
  | 'INVALID_TRANSITION'
  | 'INVALID_VALUE'
  | 'NOT_FOUND'
  | 'NO_PARTICIPANT_RECORD'
  | 'PROGRAM_NOT_APPROVED'
  | 'PROGRAM_NOT_ON_RECORD'
  | 'RETIRED_SUID_HAS_NO_RECORD'
  | 'STALE_VERSION'
  | 'STUDENT_EXITED';

export type WithdrawChangeRequestInput = {
  clientMutationId?: string | null | undefined;
  comment?: string | null | undefined;
  expectedVersion?: number | null | undefined;
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