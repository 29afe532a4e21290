import { CopyCommand } from '../fleet/GatewayErrorPanel.tsx';

/** The command that approves a pairing request inside an ECS bot's task, with the real values. */
export function approveCommand(region: string, cluster: string, taskId: string): string {
  return (
    `aws ecs execute-command --region ${region} --cluster ${cluster} --task ${taskId} ` +
    `--container openclaw --interactive --command "openclaw devices approve <requestId>"`
  );
}

interface EcsPairingHelpProps {
  /** Null until AWS was set up. */
  region: string | null;
  cluster: string;
  /** The first task's id; null when no task runs. */
  taskId: string | null;
}

/** How to pair Clawster with an ECS bot's gateway once the task's own approval window closed. */
export function EcsPairingHelp({ region, cluster, taskId }: EcsPairingHelpProps) {
  return (
    <div className="notice notice-info" data-testid="ecs-pairing">
      <p className="notice-title">Pair Clawster with this gateway</p>
      <p>
        A new task approves Clawster's device by itself for 15 minutes after it starts. After that, approve a
        pairing request from a shell with the AWS CLI and its Session Manager plugin, with the request id in
        place of <code>&lt;requestId&gt;</code>:
      </p>
      <CopyCommand command={approveCommand(region ?? '<region>', cluster, taskId ?? '<task id>')} />
      {region === null ? (
        <p className="muted">The region is not known yet: set up AWS under Settings first.</p>
      ) : null}
      {taskId === null ? <p className="muted">No task runs now: start the bot first.</p> : null}
    </div>
  );
}
