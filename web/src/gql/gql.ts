/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ViewerBar_viewer on Viewer {\n    name\n    role\n    leas {\n      entityId\n      name\n    }\n  }\n": typeof types.ViewerBar_ViewerFragmentDoc,
    "\n  query AppViewer {\n    viewer {\n      role\n      ...ViewerBar_viewer\n      ...SchoolPicker_viewer\n    }\n  }\n": typeof types.AppViewerDocument,
    "\n  fragment Actions_request on ChangeRequest {\n    id\n    version\n    status\n    credits\n    justification\n    evidence {\n      id\n    }\n  }\n": typeof types.Actions_RequestFragmentDoc,
    "\n  mutation Approve($input: ApproveChangeRequestInput!) {\n    approveChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.ApproveDocument,
    "\n  mutation Reject($input: RejectChangeRequestInput!) {\n    rejectChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.RejectDocument,
    "\n  mutation RequestInformation($input: RequestMoreInformationInput!) {\n    requestMoreInformation(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.RequestInformationDocument,
    "\n  mutation ProvideInformation($input: ProvideInformationInput!) {\n    provideInformation(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.ProvideInformationDocument,
    "\n  mutation Withdraw($input: WithdrawChangeRequestInput!) {\n    withdrawChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.WithdrawDocument,
    "\n  fragment Evidence_request on ChangeRequest {\n    evidence {\n      id\n      filename\n      contentType\n      size\n      downloadUrl\n    }\n  }\n": typeof types.Evidence_RequestFragmentDoc,
    "\n  fragment SchoolPicker_viewer on Viewer {\n    leas {\n      entityId\n      name\n      schools {\n        entityId\n        name\n      }\n    }\n  }\n": typeof types.SchoolPicker_ViewerFragmentDoc,
    "\n  query FindRecords($suid: String!, $school: Int!) {\n    participantRecords(suid: $suid, schoolEntityId: $school) {\n      id\n      student {\n        suid\n        firstName\n        lastName\n      }\n      ...RecordCard_record\n      ...InsertCreditsForm_record\n    }\n    fiscalYearStatus {\n      participantFiscalYear\n    }\n  }\n": typeof types.FindRecordsDocument,
    "\n  query FiscalCalendar {\n    fiscalYearStatus {\n      enrollmentFiscalYear\n      participantFiscalYear\n      preliminaryRecordsCreatedOn\n      finalRecordsCreatedOn\n      creditAdjustmentWindowOpen\n    }\n  }\n": typeof types.FiscalCalendarDocument,
    "\n  mutation SetFiscalYearDates($input: SetFiscalYearDatesInput!) {\n    setFiscalYearDates(input: $input) {\n      fiscalYearDates {\n        fiscalYear\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.SetFiscalYearDatesDocument,
    "\n  fragment Flags_flags on StatusFlags {\n    participant\n    concentrator\n    completer\n    placementSurveyEligible\n  }\n": typeof types.Flags_FlagsFragmentDoc,
    "\n  fragment History_request on ChangeRequest {\n    history {\n      id\n      kind\n      at\n      comment\n      toStatus\n      actor {\n        name\n        role\n      }\n    }\n  }\n": typeof types.History_RequestFragmentDoc,
    "\n  fragment InsertCreditsForm_record on ParticipantRecord {\n    id\n    program {\n      programNumber\n      name\n      courses {\n        courseNumber\n        name\n      }\n    }\n  }\n": typeof types.InsertCreditsForm_RecordFragmentDoc,
    "\n  mutation SubmitInsertCredits($input: SubmitInsertCreditsRequestInput!) {\n    submitInsertCreditsRequest(input: $input) {\n      changeRequest {\n        id\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.SubmitInsertCreditsDocument,
    "\n  fragment PlacementRow_record on ParticipantRecord {\n    id\n    fiscalYear\n    student {\n      suid\n      firstName\n      lastName\n      exitedOn\n      exitReason\n    }\n    school {\n      entityId\n      name\n    }\n    program {\n      programNumber\n      name\n    }\n  }\n": typeof types.PlacementRow_RecordFragmentDoc,
    "\n  query PlacementSurvey($fiscalYear: Int, $school: Int, $after: String) {\n    placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...PlacementRow_record\n        }\n      }\n    }\n  }\n": typeof types.PlacementSurveyDocument,
    "\n  query PreviewInsertCredits($input: PreviewInsertCreditsRequestInput!) {\n    previewInsertCreditsRequest(input: $input) {\n      impact {\n        changesStatus\n        before {\n          ...Flags_flags\n        }\n        after {\n          ...Flags_flags\n        }\n      }\n      advisories {\n        code\n        message\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.PreviewInsertCreditsDocument,
    "\n  fragment RecordCard_record on ParticipantRecord {\n    id\n    fiscalYear\n    school {\n      name\n    }\n    program {\n      programNumber\n      name\n    }\n    courses {\n      course {\n        courseNumber\n        name\n        kind\n      }\n      reportedCredits\n      insertedCredits\n      totalCredits\n    }\n    status {\n      ...Flags_flags\n    }\n  }\n": typeof types.RecordCard_RecordFragmentDoc,
    "\n  query RequestDetail($id: ID!) {\n    viewer {\n      role\n    }\n    changeRequest(id: $id) {\n      id\n      status\n      version\n      fiscalYear\n      credits\n      gradeLevel\n      reason\n      retiredSuid\n      justification\n      rejectionReason\n      submittedAt\n      submittedBy {\n        name\n      }\n      student {\n        suid\n        firstName\n        lastName\n        exitedOn\n        exitReason\n      }\n      school {\n        name\n        lea {\n          name\n        }\n      }\n      program {\n        programNumber\n        name\n      }\n      course {\n        courseNumber\n        name\n      }\n      impact {\n        changesStatus\n        before {\n          ...Flags_flags\n        }\n        after {\n          ...Flags_flags\n        }\n      }\n      advisories {\n        code\n        message\n      }\n      record {\n        id\n        ...RecordCard_record\n      }\n      retiredSuidRecords {\n        id\n        ...RecordCard_record\n      }\n      ...Evidence_request\n      ...History_request\n      ...Actions_request\n    }\n  }\n": typeof types.RequestDetailDocument,
    "\n  fragment RequestRow_request on ChangeRequest {\n    id\n    status\n    submittedAt\n    fiscalYear\n    credits\n    student {\n      suid\n      firstName\n      lastName\n    }\n    school {\n      name\n    }\n    course {\n      courseNumber\n      name\n    }\n  }\n": typeof types.RequestRow_RequestFragmentDoc,
    "\n  query RequestList($filter: ChangeRequestFilter, $first: Int, $after: String, $order: ChangeRequestOrder!) {\n    changeRequests(filter: $filter, first: $first, after: $after, order: $order) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          submittedAt\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n": typeof types.RequestListDocument,
    "\n  subscription LiveEvents($after: ID) {\n    changeRequestEvents(after: $after) {\n      id\n      kind\n      changeRequest {\n        id\n      }\n    }\n  }\n": typeof types.LiveEventsDocument,
};
const documents: Documents = {
    "\n  fragment ViewerBar_viewer on Viewer {\n    name\n    role\n    leas {\n      entityId\n      name\n    }\n  }\n": types.ViewerBar_ViewerFragmentDoc,
    "\n  query AppViewer {\n    viewer {\n      role\n      ...ViewerBar_viewer\n      ...SchoolPicker_viewer\n    }\n  }\n": types.AppViewerDocument,
    "\n  fragment Actions_request on ChangeRequest {\n    id\n    version\n    status\n    credits\n    justification\n    evidence {\n      id\n    }\n  }\n": types.Actions_RequestFragmentDoc,
    "\n  mutation Approve($input: ApproveChangeRequestInput!) {\n    approveChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.ApproveDocument,
    "\n  mutation Reject($input: RejectChangeRequestInput!) {\n    rejectChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.RejectDocument,
    "\n  mutation RequestInformation($input: RequestMoreInformationInput!) {\n    requestMoreInformation(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.RequestInformationDocument,
    "\n  mutation ProvideInformation($input: ProvideInformationInput!) {\n    provideInformation(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.ProvideInformationDocument,
    "\n  mutation Withdraw($input: WithdrawChangeRequestInput!) {\n    withdrawChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.WithdrawDocument,
    "\n  fragment Evidence_request on ChangeRequest {\n    evidence {\n      id\n      filename\n      contentType\n      size\n      downloadUrl\n    }\n  }\n": types.Evidence_RequestFragmentDoc,
    "\n  fragment SchoolPicker_viewer on Viewer {\n    leas {\n      entityId\n      name\n      schools {\n        entityId\n        name\n      }\n    }\n  }\n": types.SchoolPicker_ViewerFragmentDoc,
    "\n  query FindRecords($suid: String!, $school: Int!) {\n    participantRecords(suid: $suid, schoolEntityId: $school) {\n      id\n      student {\n        suid\n        firstName\n        lastName\n      }\n      ...RecordCard_record\n      ...InsertCreditsForm_record\n    }\n    fiscalYearStatus {\n      participantFiscalYear\n    }\n  }\n": types.FindRecordsDocument,
    "\n  query FiscalCalendar {\n    fiscalYearStatus {\n      enrollmentFiscalYear\n      participantFiscalYear\n      preliminaryRecordsCreatedOn\n      finalRecordsCreatedOn\n      creditAdjustmentWindowOpen\n    }\n  }\n": types.FiscalCalendarDocument,
    "\n  mutation SetFiscalYearDates($input: SetFiscalYearDatesInput!) {\n    setFiscalYearDates(input: $input) {\n      fiscalYearDates {\n        fiscalYear\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.SetFiscalYearDatesDocument,
    "\n  fragment Flags_flags on StatusFlags {\n    participant\n    concentrator\n    completer\n    placementSurveyEligible\n  }\n": types.Flags_FlagsFragmentDoc,
    "\n  fragment History_request on ChangeRequest {\n    history {\n      id\n      kind\n      at\n      comment\n      toStatus\n      actor {\n        name\n        role\n      }\n    }\n  }\n": types.History_RequestFragmentDoc,
    "\n  fragment InsertCreditsForm_record on ParticipantRecord {\n    id\n    program {\n      programNumber\n      name\n      courses {\n        courseNumber\n        name\n      }\n    }\n  }\n": types.InsertCreditsForm_RecordFragmentDoc,
    "\n  mutation SubmitInsertCredits($input: SubmitInsertCreditsRequestInput!) {\n    submitInsertCreditsRequest(input: $input) {\n      changeRequest {\n        id\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.SubmitInsertCreditsDocument,
    "\n  fragment PlacementRow_record on ParticipantRecord {\n    id\n    fiscalYear\n    student {\n      suid\n      firstName\n      lastName\n      exitedOn\n      exitReason\n    }\n    school {\n      entityId\n      name\n    }\n    program {\n      programNumber\n      name\n    }\n  }\n": types.PlacementRow_RecordFragmentDoc,
    "\n  query PlacementSurvey($fiscalYear: Int, $school: Int, $after: String) {\n    placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...PlacementRow_record\n        }\n      }\n    }\n  }\n": types.PlacementSurveyDocument,
    "\n  query PreviewInsertCredits($input: PreviewInsertCreditsRequestInput!) {\n    previewInsertCreditsRequest(input: $input) {\n      impact {\n        changesStatus\n        before {\n          ...Flags_flags\n        }\n        after {\n          ...Flags_flags\n        }\n      }\n      advisories {\n        code\n        message\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.PreviewInsertCreditsDocument,
    "\n  fragment RecordCard_record on ParticipantRecord {\n    id\n    fiscalYear\n    school {\n      name\n    }\n    program {\n      programNumber\n      name\n    }\n    courses {\n      course {\n        courseNumber\n        name\n        kind\n      }\n      reportedCredits\n      insertedCredits\n      totalCredits\n    }\n    status {\n      ...Flags_flags\n    }\n  }\n": types.RecordCard_RecordFragmentDoc,
    "\n  query RequestDetail($id: ID!) {\n    viewer {\n      role\n    }\n    changeRequest(id: $id) {\n      id\n      status\n      version\n      fiscalYear\n      credits\n      gradeLevel\n      reason\n      retiredSuid\n      justification\n      rejectionReason\n      submittedAt\n      submittedBy {\n        name\n      }\n      student {\n        suid\n        firstName\n        lastName\n        exitedOn\n        exitReason\n      }\n      school {\n        name\n        lea {\n          name\n        }\n      }\n      program {\n        programNumber\n        name\n      }\n      course {\n        courseNumber\n        name\n      }\n      impact {\n        changesStatus\n        before {\n          ...Flags_flags\n        }\n        after {\n          ...Flags_flags\n        }\n      }\n      advisories {\n        code\n        message\n      }\n      record {\n        id\n        ...RecordCard_record\n      }\n      retiredSuidRecords {\n        id\n        ...RecordCard_record\n      }\n      ...Evidence_request\n      ...History_request\n      ...Actions_request\n    }\n  }\n": types.RequestDetailDocument,
    "\n  fragment RequestRow_request on ChangeRequest {\n    id\n    status\n    submittedAt\n    fiscalYear\n    credits\n    student {\n      suid\n      firstName\n      lastName\n    }\n    school {\n      name\n    }\n    course {\n      courseNumber\n      name\n    }\n  }\n": types.RequestRow_RequestFragmentDoc,
    "\n  query RequestList($filter: ChangeRequestFilter, $first: Int, $after: String, $order: ChangeRequestOrder!) {\n    changeRequests(filter: $filter, first: $first, after: $after, order: $order) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          submittedAt\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n": types.RequestListDocument,
    "\n  subscription LiveEvents($after: ID) {\n    changeRequestEvents(after: $after) {\n      id\n      kind\n      changeRequest {\n        id\n      }\n    }\n  }\n": types.LiveEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerBar_viewer on Viewer {\n    name\n    role\n    leas {\n      entityId\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerBar_viewer on Viewer {\n    name\n    role\n    leas {\n      entityId\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppViewer {\n    viewer {\n      role\n      ...ViewerBar_viewer\n      ...SchoolPicker_viewer\n    }\n  }\n"): (typeof documents)["\n  query AppViewer {\n    viewer {\n      role\n      ...ViewerBar_viewer\n      ...SchoolPicker_viewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Actions_request on ChangeRequest {\n    id\n    version\n    status\n    credits\n    justification\n    evidence {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment Actions_request on ChangeRequest {\n    id\n    version\n    status\n    credits\n    justification\n    evidence {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Approve($input: ApproveChangeRequestInput!) {\n    approveChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Approve($input: ApproveChangeRequestInput!) {\n    approveChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reject($input: RejectChangeRequestInput!) {\n    rejectChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Reject($input: RejectChangeRequestInput!) {\n    rejectChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestInformation($input: RequestMoreInformationInput!) {\n    requestMoreInformation(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestInformation($input: RequestMoreInformationInput!) {\n    requestMoreInformation(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProvideInformation($input: ProvideInformationInput!) {\n    provideInformation(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProvideInformation($input: ProvideInformationInput!) {\n    provideInformation(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Withdraw($input: WithdrawChangeRequestInput!) {\n    withdrawChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Withdraw($input: WithdrawChangeRequestInput!) {\n    withdrawChangeRequest(input: $input) {\n      changeRequest {\n        id\n        version\n        status\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Evidence_request on ChangeRequest {\n    evidence {\n      id\n      filename\n      contentType\n      size\n      downloadUrl\n    }\n  }\n"): (typeof documents)["\n  fragment Evidence_request on ChangeRequest {\n    evidence {\n      id\n      filename\n      contentType\n      size\n      downloadUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SchoolPicker_viewer on Viewer {\n    leas {\n      entityId\n      name\n      schools {\n        entityId\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SchoolPicker_viewer on Viewer {\n    leas {\n      entityId\n      name\n      schools {\n        entityId\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindRecords($suid: String!, $school: Int!) {\n    participantRecords(suid: $suid, schoolEntityId: $school) {\n      id\n      student {\n        suid\n        firstName\n        lastName\n      }\n      ...RecordCard_record\n      ...InsertCreditsForm_record\n    }\n    fiscalYearStatus {\n      participantFiscalYear\n    }\n  }\n"): (typeof documents)["\n  query FindRecords($suid: String!, $school: Int!) {\n    participantRecords(suid: $suid, schoolEntityId: $school) {\n      id\n      student {\n        suid\n        firstName\n        lastName\n      }\n      ...RecordCard_record\n      ...InsertCreditsForm_record\n    }\n    fiscalYearStatus {\n      participantFiscalYear\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FiscalCalendar {\n    fiscalYearStatus {\n      enrollmentFiscalYear\n      participantFiscalYear\n      preliminaryRecordsCreatedOn\n      finalRecordsCreatedOn\n      creditAdjustmentWindowOpen\n    }\n  }\n"): (typeof documents)["\n  query FiscalCalendar {\n    fiscalYearStatus {\n      enrollmentFiscalYear\n      participantFiscalYear\n      preliminaryRecordsCreatedOn\n      finalRecordsCreatedOn\n      creditAdjustmentWindowOpen\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetFiscalYearDates($input: SetFiscalYearDatesInput!) {\n    setFiscalYearDates(input: $input) {\n      fiscalYearDates {\n        fiscalYear\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetFiscalYearDates($input: SetFiscalYearDatesInput!) {\n    setFiscalYearDates(input: $input) {\n      fiscalYearDates {\n        fiscalYear\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Flags_flags on StatusFlags {\n    participant\n    concentrator\n    completer\n    placementSurveyEligible\n  }\n"): (typeof documents)["\n  fragment Flags_flags on StatusFlags {\n    participant\n    concentrator\n    completer\n    placementSurveyEligible\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment History_request on ChangeRequest {\n    history {\n      id\n      kind\n      at\n      comment\n      toStatus\n      actor {\n        name\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment History_request on ChangeRequest {\n    history {\n      id\n      kind\n      at\n      comment\n      toStatus\n      actor {\n        name\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InsertCreditsForm_record on ParticipantRecord {\n    id\n    program {\n      programNumber\n      name\n      courses {\n        courseNumber\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment InsertCreditsForm_record on ParticipantRecord {\n    id\n    program {\n      programNumber\n      name\n      courses {\n        courseNumber\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitInsertCredits($input: SubmitInsertCreditsRequestInput!) {\n    submitInsertCreditsRequest(input: $input) {\n      changeRequest {\n        id\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitInsertCredits($input: SubmitInsertCreditsRequestInput!) {\n    submitInsertCreditsRequest(input: $input) {\n      changeRequest {\n        id\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlacementRow_record on ParticipantRecord {\n    id\n    fiscalYear\n    student {\n      suid\n      firstName\n      lastName\n      exitedOn\n      exitReason\n    }\n    school {\n      entityId\n      name\n    }\n    program {\n      programNumber\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment PlacementRow_record on ParticipantRecord {\n    id\n    fiscalYear\n    student {\n      suid\n      firstName\n      lastName\n      exitedOn\n      exitReason\n    }\n    school {\n      entityId\n      name\n    }\n    program {\n      programNumber\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlacementSurvey($fiscalYear: Int, $school: Int, $after: String) {\n    placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...PlacementRow_record\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlacementSurvey($fiscalYear: Int, $school: Int, $after: String) {\n    placementSurveyList(fiscalYear: $fiscalYear, schoolEntityId: $school, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...PlacementRow_record\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewInsertCredits($input: PreviewInsertCreditsRequestInput!) {\n    previewInsertCreditsRequest(input: $input) {\n      impact {\n        changesStatus\n        before {\n          ...Flags_flags\n        }\n        after {\n          ...Flags_flags\n        }\n      }\n      advisories {\n        code\n        message\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewInsertCredits($input: PreviewInsertCreditsRequestInput!) {\n    previewInsertCreditsRequest(input: $input) {\n      impact {\n        changesStatus\n        before {\n          ...Flags_flags\n        }\n        after {\n          ...Flags_flags\n        }\n      }\n      advisories {\n        code\n        message\n      }\n      userErrors {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordCard_record on ParticipantRecord {\n    id\n    fiscalYear\n    school {\n      name\n    }\n    program {\n      programNumber\n      name\n    }\n    courses {\n      course {\n        courseNumber\n        name\n        kind\n      }\n      reportedCredits\n      insertedCredits\n      totalCredits\n    }\n    status {\n      ...Flags_flags\n    }\n  }\n"): (typeof documents)["\n  fragment RecordCard_record on ParticipantRecord {\n    id\n    fiscalYear\n    school {\n      name\n    }\n    program {\n      programNumber\n      name\n    }\n    courses {\n      course {\n        courseNumber\n        name\n        kind\n      }\n      reportedCredits\n      insertedCredits\n      totalCredits\n    }\n    status {\n      ...Flags_flags\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestDetail($id: ID!) {\n    viewer {\n      role\n    }\n    changeRequest(id: $id) {\n      id\n      status\n      version\n      fiscalYear\n      credits\n      gradeLevel\n      reason\n      retiredSuid\n      justification\n      rejectionReason\n      submittedAt\n      submittedBy {\n        name\n      }\n      student {\n        suid\n        firstName\n        lastName\n        exitedOn\n        exitReason\n      }\n      school {\n        name\n        lea {\n          name\n        }\n      }\n      program {\n        programNumber\n        name\n      }\n      course {\n        courseNumber\n        name\n      }\n      impact {\n        changesStatus\n        before {\n          ...Flags_flags\n        }\n        after {\n          ...Flags_flags\n        }\n      }\n      advisories {\n        code\n        message\n      }\n      record {\n        id\n        ...RecordCard_record\n      }\n      retiredSuidRecords {\n        id\n        ...RecordCard_record\n      }\n      ...Evidence_request\n      ...History_request\n      ...Actions_request\n    }\n  }\n"): (typeof documents)["\n  query RequestDetail($id: ID!) {\n    viewer {\n      role\n    }\n    changeRequest(id: $id) {\n      id\n      status\n      version\n      fiscalYear\n      credits\n      gradeLevel\n      reason\n      retiredSuid\n      justification\n      rejectionReason\n      submittedAt\n      submittedBy {\n        name\n      }\n      student {\n        suid\n        firstName\n        lastName\n        exitedOn\n        exitReason\n      }\n      school {\n        name\n        lea {\n          name\n        }\n      }\n      program {\n        programNumber\n        name\n      }\n      course {\n        courseNumber\n        name\n      }\n      impact {\n        changesStatus\n        before {\n          ...Flags_flags\n        }\n        after {\n          ...Flags_flags\n        }\n      }\n      advisories {\n        code\n        message\n      }\n      record {\n        id\n        ...RecordCard_record\n      }\n      retiredSuidRecords {\n        id\n        ...RecordCard_record\n      }\n      ...Evidence_request\n      ...History_request\n      ...Actions_request\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RequestRow_request on ChangeRequest {\n    id\n    status\n    submittedAt\n    fiscalYear\n    credits\n    student {\n      suid\n      firstName\n      lastName\n    }\n    school {\n      name\n    }\n    course {\n      courseNumber\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment RequestRow_request on ChangeRequest {\n    id\n    status\n    submittedAt\n    fiscalYear\n    credits\n    student {\n      suid\n      firstName\n      lastName\n    }\n    school {\n      name\n    }\n    course {\n      courseNumber\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestList($filter: ChangeRequestFilter, $first: Int, $after: String, $order: ChangeRequestOrder!) {\n    changeRequests(filter: $filter, first: $first, after: $after, order: $order) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          submittedAt\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RequestList($filter: ChangeRequestFilter, $first: Int, $after: String, $order: ChangeRequestOrder!) {\n    changeRequests(filter: $filter, first: $first, after: $after, order: $order) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          submittedAt\n          ...RequestRow_request\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveEvents($after: ID) {\n    changeRequestEvents(after: $after) {\n      id\n      kind\n      changeRequest {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LiveEvents($after: ID) {\n    changeRequestEvents(after: $after) {\n      id\n      kind\n      changeRequest {\n        id\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;