import { AccessDeniedException, ECSServiceException } from '@aws-sdk/client-ecs';
import { ExpiredTokenException } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { forgetSecretValue, registerSecretValue } from '../log/redact.ts';
import { parseAccessDenied, toAwsAppError } from './errors.ts';

// Crafted SDK errors: the SDK's own exception classes, built the way it builds them from a response.
const meta = (httpStatusCode: number, attempts = 1) => ({ httpStatusCode, attempts, totalRetryDelay: 0 });
const ctx = { action: 'ecs:CreateService', region: 'eu-west-1', resource: 'clawster/clawster-b1' };

function ecsError(name: string, message: string, status = 400, attempts = 1) {
  return new ECSServiceException({ name, $fault: 'client', message, $metadata: meta(status, attempts) });
}

describe('AWS errors as operator messages', () => {
  afterEach(() => forgetSecretValue('planted-secret-value-123'));

  it('expired session credentials say how to refresh them', () => {
    const e = toAwsAppError(
      new ExpiredTokenException({
        message: 'The security token included in the request is expired',
        $metadata: meta(400),
      }),
      { action: 'sts:GetCallerIdentity', region: 'eu-west-1' },
    );
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe(
      'Your AWS credentials have expired (AWS said: The security token included in the request is expired.) Enter a fresh session token or new keys in Settings > AWS (for an SSO profile run `aws sso login`), then retry.',
    );
  });

  it('access denied names the action, resource and principal from AWS’s message', () => {
    const msg =
      'User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: ecs:CreateService on resource: arn:aws:ecs:eu-west-1:123456789012:service/clawster/clawster-b1 because no identity-based policy allows the ecs:CreateService action';
    expect(parseAccessDenied(msg)).toEqual({
      action: 'ecs:CreateService',
      principal: 'arn:aws:sts::123456789012:assumed-role/Dev/alice',
      resource: 'arn:aws:ecs:eu-west-1:123456789012:service/clawster/clawster-b1',
    });
    const e = toAwsAppError(new AccessDeniedException({ message: msg, $metadata: meta(400) }), ctx);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe(
      'Missing AWS permission ecs:CreateService on arn:aws:ecs:eu-west-1:123456789012:service/clawster/clawster-b1 in eu-west-1. Ask your AWS administrator to allow ecs:CreateService for arn:aws:sts::123456789012:assumed-role/Dev/alice, then retry.',
    );
  });

  it('throttling that outlasted the retries says how often it was tried', () => {
    const e = toAwsAppError(ecsError('ThrottlingException', 'Rate exceeded', 400, 5), ctx);
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('AWS is throttling ecs:CreateService in eu-west-1. Clawster tried 5 times');
  });

  it('not found, validation, conflict, quota and server errors each get their own code', () => {
    const cases: Array<[string, number, string]> = [
      ['ClusterNotFoundException', 400, 'NOT_FOUND'],
      ['InvalidParameterException', 400, 'VALIDATION'],
      ['ClientException', 400, 'VALIDATION'],
      ['ResourceInUseException', 400, 'CONFLICT'],
      ['LimitExceededException', 400, 'PRECONDITION'],
      ['ServerException', 500, 'UNAVAILABLE'],
      ['SomethingNew', 418, 'VALIDATION'],
    ];
    for (const [name, status, code] of cases)
      expect([name, toAwsAppError(ecsError(name, 'x', status), ctx).code]).toEqual([name, code]);
    expect(toAwsAppError(ecsError('ClusterNotFoundException', 'Cluster not found.'), ctx).message).toBe(
      'ecs:CreateService (clawster/clawster-b1): Cluster not found. The resource does not exist in eu-west-1. Check the region in Settings > AWS, or create the Clawster resources there with `clawster aws init --region eu-west-1`.',
    );
  });

  it('network failures and missing credentials are told apart', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    expect(toAwsAppError(refused, ctx)).toMatchObject({ code: 'UNAVAILABLE' });
    const none = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(toAwsAppError(none, ctx)).toMatchObject({ code: 'PRECONDITION' });
  });

  it('never repeats a known secret value, and passes AppErrors through', () => {
    registerSecretValue('planted-secret-value-123');
    const e = toAwsAppError(
      ecsError('InvalidParameterException', 'bad value planted-secret-value-123 given'),
      ctx,
    );
    expect(e.message).not.toContain('planted-secret-value-123');
    expect(e.message).toContain('[REDACTED]');
    const app = new AppError('CONFLICT', 'already');
    expect(toAwsAppError(app, ctx)).toBe(app);
  });
});
