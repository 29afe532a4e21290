import type { Bot } from '../../../../shared/domain/bot.ts';
import { nameKey } from '../../../../shared/domain/common.ts';
import { useClient } from '../../app/services.tsx';
import { TypedConfirmDialog } from '../../components/TypedConfirmDialog.tsx';

interface DestroyBotDialogProps {
  bot: Bot;
  onClose(): void;
  onDestroyed(): void;
}

/** Destroys a bot's deployment once the operator has typed the bot's name; a refusal keeps it open with the reason. */
export function DestroyBotDialog({ bot, onClose, onDestroyed }: DestroyBotDialogProps) {
  const client = useClient();
  return (
    <TypedConfirmDialog
      title={`Destroy bot “${bot.name}”?`}
      testId="destroy-bot"
      label={`Type the bot's name, ${bot.name}, to confirm`}
      matches={(typed) => nameKey(typed) === nameKey(bot.name)}
      action="Destroy bot"
      busyAction="Destroying…"
      onConfirm={async (typed) => {
        const result = await client.invoke('bot.destroy', { id: bot.id, confirmName: typed });
        if (!result.ok) return result.error;
        onDestroyed();
        return null;
      }}
      onClose={onClose}
    >
      Its gateway is stopped and its deployment on this machine (process, runtime files) removed. The bot
      stays in its fleet and can be deployed again. The change is recorded in the audit log.
    </TypedConfirmDialog>
  );
}
