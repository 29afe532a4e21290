import type { Service, Task } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { summarizeService } from './status.ts';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
const service = (over: Partial<Service> = {}): Service => ({
  serviceName: 'clawster-b1',
  status: 'ACTIVE',
  desiredCount: 1,
  runningCount: 1,
  pendingCount: 0,
  deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED' }],
  events: [],
  ...over,
});
const task = (over: Partial<Task> = {}): Task => ({
  taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/clawster/t1',
  lastStatus: 'RUNNING',
  startedAt: at(0),
  containers: [{ name: 'openclaw', healthStatus: 'HEALTHY' }],
  ...over,
});

describe('ECS status as the bot page shows it', () => {
  it('a running, healthy task', () => {
    expect(summarizeService(service(), [task()], 'v7')).toEqual({
      state: 'running',
      health: 'healthy',
      desired: 1,
      running: 1,
      configVersion: 'v7',
      detail: '1 of 1 task running, healthy.',
      instances: [{ id: 't1', state: 'RUNNING', health: 'healthy', startedAt: '2026-01-01T12:00:00.000Z' }],
      events: [],
    });
  });

  it('an unhealthy container makes the bot unhealthy', () => {
    const s = summarizeService(service(), [
      task({ containers: [{ name: 'openclaw', healthStatus: 'UNHEALTHY' }] }),
    ]);
    expect([s.state, s.health, s.detail]).toEqual([
      'running',
      'unhealthy',
      '1 of 1 task running, unhealthy.',
    ]);
  });

  it('a rollout in progress is deploying; a failed one (circuit breaker) is failed with its reason', () => {
    expect(
      summarizeService(service({ deployments: [{ id: 'ecs-svc/2', rolloutState: 'IN_PROGRESS' }] }), [task()])
        .state,
    ).toBe('deploying');
    const failed = summarizeService(
      service({
        deployments: [
          { id: 'ecs-svc/2', rolloutState: 'FAILED', rolloutStateReason: 'circuit breaker tripped' },
        ],
      }),
      [],
    );
    expect([failed.state, failed.detail]).toEqual([
      'failed',
      '1 of 1 task running, circuit breaker tripped.',
    ]);
  });

  it('a bot stopped on purpose is stopped, even when its last rollout had failed', () => {
    const s = summarizeService(
      service({
        desiredCount: 0,
        runningCount: 0,
        deployments: [
          { id: 'ecs-svc/2', rolloutState: 'FAILED', rolloutStateReason: 'tasks failed to start' },
        ],
      }),
      [],
    );
    expect(s.state).toBe('stopped');
  });

  it('a crashed task is a failure; a task ECS replaced during a deployment is not', () => {
    const crashed = task({
      lastStatus: 'STOPPED',
      stoppedAt: at(30),
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'openclaw', reason: 'exit code 1' }],
    });
    const s = summarizeService(service({ runningCount: 0, pendingCount: 1 }), [crashed]);
    expect(s.state).toBe('failed');
    expect(s.detail).toBe(
      '0 of 1 task running, 1 pending, last task stopped: Essential container in task exited: exit code 1.',
    );
    const replaced = task({
      lastStatus: 'STOPPED',
      stoppedAt: at(30),
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
    });
    expect(summarizeService(service({ runningCount: 0, pendingCount: 1 }), [replaced]).state).toBe(
      'starting',
    );
  });

  it('desired 0 is stopped (or stopping while a task still runs); no service is absent', () => {
    expect(summarizeService(service({ desiredCount: 0, runningCount: 0 }), []).state).toBe('stopped');
    expect(summarizeService(service({ desiredCount: 0, runningCount: 1 }), [task()]).state).toBe('stopping');
    expect(summarizeService(undefined, []).state).toBe('absent');
    expect(summarizeService(service({ status: 'INACTIVE' }), []).state).toBe('absent');
  });

  it('lists the newest ten service events first', () => {
    const events = Array.from({ length: 12 }, (_, i) => ({
      id: `e${i}`,
      createdAt: at(i),
      message: `event ${i}`,
    }));
    const s = summarizeService(service({ events }), [task()]);
    expect(s.events).toHaveLength(10);
    expect(s.events[0]).toEqual({ at: '2026-01-01T12:00:11.000Z', message: 'event 11' });
  });
});
