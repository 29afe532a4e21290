import { AppError } from '../../shared/contract/errors.ts';
import { redact } from '../log/redact.ts';

/** What Clawster was doing when AWS answered with an error: named so the operator can act. */
export interface AwsCallContext {
  /** The IAM action, e.g. `ecs:CreateCluster`. */
  action: string;
  region?: string;
  /** The resource in question, e.g. a secret name or a cluster name. */
  resource?: string;
}

const expiredNames = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'TokenRefreshRequired',
]);
const invalidCredentialNames = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'AuthFailure',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
]);
const accessDeniedNames = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'UnauthorizedException',
  'NotAuthorized',
]);
const throttlingNames = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
]);
const notFoundNames = new Set([
  'ResourceNotFoundException',
  'ResourceNotFound',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'TargetNotFoundException',
]);
const validationNames = new Set([
  'ValidationException',
  'ValidationError',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'InvalidRequestException',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'InvalidInput',
  'InvalidInputException',
  'ClientException',
  'PlatformUnknownException',
  'PlatformTaskDefinitionIncompatibilityException',
  'UnsupportedFeatureException',
  'DecryptionFailure',
  'EncryptionFailure',
]);
const conflictNames = new Set([
  'ResourceAlreadyExistsException',
  'ResourceExistsException',
  'EntityAlreadyExists',
  'EntityAlreadyExistsException',
  'ResourceInUseException',
  'ConcurrentModificationException',
  'ConcurrentModification',
  'DeleteConflict',
  'UpdateInProgressException',
  'ClusterContainsServicesException',
  'ClusterContainsTasksException',
  'PreconditionNotMetException',
]);
const quotaNames = new Set(['LimitExceeded', 'LimitExceededException', 'ServiceQuotaExceededException']);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? Reflect.get(value, key) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The parts of an SDK (or network) error that matter for the message. */
export interface AwsErrorFacts {
  name: string;
  message: string;
  status: number | undefined;
  attempts: number | undefined;
  code: string | undefined;
}

export function awsErrorFacts(err: unknown): AwsErrorFacts {
  const metadata = field(err, '$metadata');
  const status = field(metadata, 'httpStatusCode');
  const attempts = field(metadata, 'attempts');
  const cause = field(err, 'cause');
  return {
    name: text(field(err, 'name')) ?? 'Error',
    // AWS messages carry ARNs and account ids, never key material; scrub known secret values anyway.
    message: String(redact(text(field(err, 'message')) ?? String(err))),
    status: typeof status === 'number' ? status : undefined,
    attempts: typeof attempts === 'number' ? attempts : undefined,
    code: text(field(err, 'code')) ?? text(field(cause, 'code')),
  };
}

/** Parses `User: arn:… is not authorized to perform: ecs:CreateCluster on resource: arn:…`. */
export function parseAccessDenied(message: string): {
  action?: string;
  principal?: string;
  resource?: string;
} {
  const action = /not authorized to perform:?\s*([A-Za-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1];
  const principal = /User:\s*(arn:[^\s]+)/.exec(message)?.[1];
  const resource = /on resource:?\s*(arn:[^\s]+|[^\s]+)/.exec(message)?.[1];
  return {
    ...(action ? { action } : {}),
    ...(principal ? { principal } : {}),
    ...(resource ? { resource: resource.replace(/[.,;]$/, '') } : {}),
  };
}

function where(ctx: AwsCallContext): string {
  // IAM is global: naming a region there would only mislead.
  return ctx.region && !ctx.action.startsWith('iam:') ? ` in ${ctx.region}` : '';
}

function sentence(message: string): string {
  const m = message.trim();
  return /[.!?]$/.test(m) ? m : `${m}.`;
}

/**
 * Maps an AWS SDK error (or a network error on the way to AWS) to an AppError whose message
 * says what failed and what the operator can do about it. AppErrors pass through unchanged.
 */
export function toAwsAppError(err: unknown, ctx: AwsCallContext): AppError {
  if (err instanceof AppError) return err;
  const f = awsErrorFacts(err);
  const aws = sentence(f.message);
  const on = ctx.resource ? ` (${ctx.resource})` : '';

  if (f.name === 'CredentialsProviderError' || f.name === 'TokenProviderError')
    return new AppError(
      'PRECONDITION',
      `No AWS credentials could be loaded for ${ctx.action}: ${aws} Enter an access key in Settings > AWS, or choose a profile that exists in ~/.aws (for SSO profiles run \`aws sso login\` first).`,
    );
  if (expiredNames.has(f.name))
    return new AppError(
      'FORBIDDEN',
      `Your AWS credentials have expired (AWS said: ${aws}) Enter a fresh session token or new keys in Settings > AWS (for an SSO profile run \`aws sso login\`), then retry.`,
    );
  if (invalidCredentialNames.has(f.name))
    return new AppError(
      'FORBIDDEN',
      `AWS rejected the credentials on ${ctx.action} (AWS said: ${aws}) The access key ID does not exist, was deactivated, or the secret key is wrong. Check them in Settings > AWS, then retry.`,
    );
  if (accessDeniedNames.has(f.name) || (f.status === 403 && !throttlingNames.has(f.name))) {
    const denied = parseAccessDenied(f.message);
    const action = denied.action ?? ctx.action;
    const resource = denied.resource ?? ctx.resource;
    const who = denied.principal ? ` for ${denied.principal}` : ' for these credentials';
    return new AppError(
      'FORBIDDEN',
      `Missing AWS permission ${action}${resource ? ` on ${resource}` : ''}${where(ctx)}. Ask your AWS administrator to allow ${action}${who}, then retry.`,
    );
  }
  if (throttlingNames.has(f.name) || f.status === 429) {
    const tries = f.attempts ? ` Clawster tried ${f.attempts} times with adaptive backoff.` : '';
    return new AppError(
      'UNAVAILABLE',
      `AWS is throttling ${ctx.action}${where(ctx)}.${tries} Wait a minute and retry; if it keeps happening, ask AWS for a higher request quota or run fewer operations at once.`,
    );
  }
  if (notFoundNames.has(f.name))
    return new AppError(
      'NOT_FOUND',
      `${ctx.action}${on}: ${aws} The resource does not exist${where(ctx)}. Check the region in Settings > AWS, or create the Clawster resources there with \`clawster aws init --region ${ctx.region ?? '<region>'}\`.`,
    );
  if (quotaNames.has(f.name))
    return new AppError(
      'PRECONDITION',
      `${ctx.action}${on} hit an AWS limit${where(ctx)}: ${aws} Remove unused resources or ask AWS for a higher quota, then retry.`,
    );
  if (conflictNames.has(f.name))
    return new AppError(
      'CONFLICT',
      `${ctx.action}${on} conflicts with the current state in AWS: ${aws} Wait for the running change to finish, then retry.`,
    );
  if (validationNames.has(f.name) || (f.status !== undefined && f.status >= 400 && f.status < 500))
    return new AppError(
      'VALIDATION',
      `AWS refused ${ctx.action}${on} as invalid: ${aws} Correct the value and retry.`,
    );
  if (f.name === 'TimeoutError' || (f.code !== undefined && networkCodes.has(f.code)))
    return new AppError(
      'UNAVAILABLE',
      `Cannot reach AWS for ${ctx.action}${where(ctx)} (${f.code ?? f.name}). Check the network connection, a proxy or VPN, and the region name, then retry.`,
    );
  if (f.status !== undefined && f.status >= 500)
    return new AppError(
      'UNAVAILABLE',
      `AWS had an internal error on ${ctx.action}${where(ctx)} (HTTP ${f.status}, ${f.name}). Retry in a moment; see https://health.aws.amazon.com if it persists.`,
    );
  return new AppError('INTERNAL', `AWS call ${ctx.action}${on} failed: ${f.name}: ${aws}`);
}

/** Runs one AWS call and turns any failure into an operator-actionable AppError. */
export async function awsCall<T>(ctx: AwsCallContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toAwsAppError(err, ctx);
  }
}

/** The AWS error name of `err`, for the few places that branch on it (e.g. "not found" = absent). */
export function awsErrorName(err: unknown): string | undefined {
  return text(field(err, 'name'));
}
