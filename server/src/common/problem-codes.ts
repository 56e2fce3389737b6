/**
 * Every code the API answers with, in a file without dependencies so that the client's tests can
 * check that each has a wording in Vietnamese and English (test/client/problem-wording.test.ts).
 */

/**
 * The error codes of the API contract (DESIGN.md, "The API"), and those of requests that never
 * reach GraphQL (http-errors.ts) or fail unexpectedly; every one has a wording in the client.
 *   RATE_LIMITED: too many failed sign-ins, or an API token's budget per minute is spent;
 *     extensions.retryAfterSeconds (and the Retry-After header on HTTP)
 *   UNAVAILABLE: the database cannot be reached (or timed out); nothing was changed, try again shortly
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'PHASE_CLOSED',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = Exclude<(typeof ERROR_CODES)[number], 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'INTERNAL_SERVER_ERROR'>;

/**
 * The codes a problem of BAD_USER_INPUT carries (`extensions.problems[].code`, with `params`), so
 * that a client words it in the person's language; `message` stays the English wording. Every
 * code here has a Vietnamese and an English wording in the client (a test checks it). Add a code
 * here when a new kind of problem appears; a problem given without one is `INVALID`.
 */
export const PROBLEM_CODES = [
  /** the fallback: `message` says what is wrong */
  'INVALID',
  /** { field } */
  'REQUIRED',
  /** { field } */
  'NOT_A_NUMBER',
  /** { field } */
  'NOT_BOOLEAN',
  /** { field } */
  'NEGATIVE',
  /** { field, min, max } */
  'OUT_OF_RANGE',
  /** { field, places } */
  'TOO_MANY_DECIMALS',
  /** { field, step } */
  'NOT_ON_STEP',
  /** { field, max } */
  'TOO_LONG',
  /** { field, value, allowed } */
  'NOT_ONE_OF',
  /** { field, value }: a unique value already in use */
  'TAKEN',
  /** { field, value, first }: the same value twice in one input */
  'DUPLICATE',
  /** { field, value }: names something that does not exist */
  'UNKNOWN_REFERENCE',
  /** { field }: U+0000 or a bidirectional control */
  'UNSAFE_TEXT',
  /** { field, method } */
  'FIELD_REQUIRED_BY_METHOD',
  /** { field, method } */
  'FIELD_NOT_USED_BY_METHOD',
  /** {} */
  'NOT_APPLICABLE_NOT_ALLOWED',
  /** { field } */
  'NOT_APPLICABLE_FIELD_GIVEN',
  /** { tier, tiers } */
  'UNKNOWN_TIER',
  /** {} */
  'DENOMINATOR_ZERO',
  /** { numerator, denominator }: a rate above 100 % where the criterion does not allow it */
  'RATIO_ABOVE_FULL',
  /** { method } */
  'UNKNOWN_METHOD',
  /** { value }: not an e-mail address */
  'INVALID_EMAIL',
  /** { min }: a password shorter than the policy */
  'PASSWORD_TOO_SHORT',
  /** {} */
  'PASSWORD_COMMON',
  /** { unit }: a unit that would become its own ancestor */
  'UNIT_CYCLE',
  /** { role }: this role belongs to a unit (LEADER, STAFF) or to none */
  'ROLE_UNIT_MISMATCH',
  /** { phase }: this can only change before the period opens */
  'PERIOD_ALREADY_OPEN',
  /** { unit, kind, expected }: a unit of another kind than the framework's */
  'UNIT_KIND_MISMATCH',
  /** { field }: a date that is not a date, or deadlines out of order */
  'INVALID_DATE',
  /** {}: the spreadsheet holds no data rows */
  'EMPTY_SHEET',
  /** { column }: a column the sheet does not know */
  'UNKNOWN_COLUMN',
  /** { column }: a required column that is missing */
  'MISSING_COLUMN',
  /** {}: the file is not a readable spreadsheet */
  'UNREADABLE_FILE',
  /** { max }: more rows than an import takes */
  'TOO_MANY_ROWS',
  /** { value }: a unit code is 1–40 letters, digits, ".", "_" or "-" */
  'INVALID_UNIT_CODE',
  /** { unit }: the kind of a unit that takes part in a period cannot change */
  'UNIT_KIND_LOCKED',
  /** {}: an ADMIN cannot change their own role or disable themselves */
  'OWN_ACCOUNT',
  /** { field }: a page's cursor that is not one of this list's (or whose item left the list) */
  'INVALID_CURSOR',
  /** { value }: not an http: or https: address */
  'INVALID_URL',
  /** {}: an address with a user name or password */
  'URL_CREDENTIALS',
  /** { min }: a webhook's secret shorter than that */
  'SECRET_TOO_SHORT',
  /** {}: a password-reset code that is unknown, used or expired */
  'RESET_CODE_INVALID',
  /** {}: not the person's current password */
  'WRONG_PASSWORD',
  /** {}: the new password is the current one */
  'SAME_PASSWORD',
  /** { email }: an @mention of nobody active */
  'MENTION_UNKNOWN',
  /** { email, name }: an @mention of someone who may not see the entry */
  'MENTION_NO_ACCESS',
  /** { phase }: the phase has no deadline (to extend) */
  'NO_DEADLINE',
  /** { field }: a time that must be in the future */
  'MUST_BE_FUTURE',
  /** { field, deadline }: an extension not after the period's deadline */
  'NOT_AFTER_DEADLINE',
  /** { value }: not an IANA time zone */
  'INVALID_TIME_ZONE',
  /** {}: a period needs a published framework */
  'FRAMEWORK_NOT_PUBLISHED',
  /** { field }: the same item twice in one list */
  'LISTED_TWICE',
  /** { field, max }: a list longer than it may be */
  'TOO_MANY',
  /** { field }: a unit that takes no part in the period */
  'UNIT_NOT_IN_PERIOD',
  /** { name }: a council member who is not an APPRAISER */
  'NOT_AN_APPRAISER',
  /** { name }: a disabled account */
  'ACCOUNT_DISABLED',
  /** { count }: a council has exactly one chair */
  'ONE_CHAIR',
  /** {}: not a top-level criteria group of the framework */
  'NOT_A_TOP_GROUP',
  /** { field, min }: not a whole number at least min */
  'NOT_WHOLE_NUMBER',
  /** { criterion }: a leaf the council has not scored yet */
  'NOT_APPRAISED',
  /** {}: the assignee is not an active STAFF or LEADER of the unit */
  'ASSIGNEE_NOT_IN_UNIT',
  /** { field }: a day that must not be in the future (an inspection is recorded after it took place) */
  'MUST_BE_PAST',
  /** {}: a person present who is neither one of the unit's people nor its council */
  'NOT_UNIT_OR_COUNCIL',
  /** {}: not a leaf criterion of this assessment */
  'NOT_A_LEAF',
  /** {}: a session id of 8–64 letters, digits, - or _ */
  'INVALID_SESSION_ID',
  /** {}: a unit named by unitId or by unitCode, one of them */
  'UNIT_ID_OR_CODE',
  /** { criterion }: statistics go to RATIO and RELATIVE indicators only */
  'NOT_A_STATISTIC',
  /** {}: an idempotency key already used for other figures */
  'IDEMPOTENCY_KEY_REUSED',
  /** { unit, criterion }: the unit's assessment has no entry for the criterion */
  'NO_ENTRY',
  /** {}: an upload that is not multipart/form-data */
  'NOT_MULTIPART',
  /** { field }: a field the form does not take */
  'UNKNOWN_FIELD',
  /** {}: one file per upload, in the field file */
  'ONE_FILE',
  /** {}: the upload ended before the whole file arrived */
  'UPLOAD_CUT_OFF',
  /** { max }: a file over the size limit (max in words, e.g. 25 MB) */
  'FILE_TOO_LARGE',
  /** { ext, accepted }: a file type not accepted */
  'FILE_TYPE_REFUSED',
  /** { ext, accepted }: content that is not what the extension says */
  'FILE_CONTENT_MISMATCH',
  /** {}: an empty file */
  'FILE_EMPTY',
  /** { field }: not a file in base64 */
  'NOT_BASE64',
  /** { field }: not text */
  'NOT_TEXT',
  /** { field }: not a percent from 0 to 100 with at most 2 decimals */
  'NOT_A_PERCENT',
  /** { field }: not a share from 0 to 1 with at most 4 decimals */
  'NOT_A_SHARE',
  /** { field }: a list that must not be empty */
  'EMPTY_LIST',
  /** { field }: not a list */
  'NOT_A_LIST',
  /** { field }: not an object */
  'NOT_AN_OBJECT',
  /** { value }: a label used twice */
  'LABEL_TWICE',
  /** { value }: two bands or thresholds start at the same percent */
  'SAME_START',
  /** {}: no class starts at 0 % */
  'NO_LOWEST_BAND',
  /** { field, min }: fewer items than needed */
  'TOO_FEW',
  /** { value }: a criterion code is segments of letters and digits joined by dots */
  'INVALID_CRITERION_CODE',
  /** { value }: a criterion code used twice */
  'CODE_TWICE',
  /** { value }: a top-level criterion code has no dot */
  'TOP_CODE_WITH_DOT',
  /** { value, parent }: a code that is not parent.<n> */
  'CODE_NOT_UNDER_PARENT',
  /** { max }: more levels than a framework may have */
  'TOO_DEEP',
  /** {}: a criterion with children takes no method */
  'GROUP_WITH_METHOD',
  /** {}: a leaf needs a method */
  'LEAF_WITHOUT_METHOD',
  /** { method }: a bonus or deduction cannot be a top-level group */
  'NOT_AT_TOP',
  /** { field }: a number that must be greater than 0 */
  'MUST_BE_POSITIVE',
  /** {}: a step larger than the criterion's maximum */
  'STEP_ABOVE_MAX',
  /** { field, method }: a setting of leaves of one method only */
  'ONLY_FOR_METHOD',
  /** { field }: a setting of leaves only */
  'LEAF_ONLY',
  /** { sum, max }: the children's maxima add up to more than the group's */
  'CHILDREN_ABOVE_MAX',
  /** { value, method }: not an option of a criterion of this method */
  'NOT_AN_OPTION',
  /** { value }: not label=share */
  'NOT_A_TIER',
  /** { value }: not percent=share */
  'NOT_A_THRESHOLD',
  /** { column }: two columns of the same name */
  'COLUMN_TWICE',
  /** { parent }: a criterion whose parent code is not in the sheet */
  'PARENT_NOT_IN_SHEET',
  /** { criterion }: submitting with a leaf not scored */
  'LEAF_NOT_SCORED',
  /** { criterion }: submitting with a leaf still a draft */
  'LEAF_STILL_DRAFT',
  /** { criterion }: submitting with a leaf that lacks its required evidence */
  'EVIDENCE_MISSING',
  /** { criterion }: resubmitting with a questioned criterion not yet explained */
  'EXPLANATION_MISSING',
  /** {}: a comparison of an assessment with itself */
  'SAME_ASSESSMENT',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type ProblemParams = Record<string, string | number | boolean | null>;
