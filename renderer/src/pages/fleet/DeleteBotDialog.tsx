import type { Bot } from '../../../../shared/domain/bot.ts';
import { useClient } from '../../app/services.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

export function DeleteBotDialog({ bot, onClose }: { bot: Bot; onClose(): void }) {
  const client = useClient();
  const remove = async () => {
    const result = await client.invoke('bot.delete', { id: bot.id });
    if (!result.ok) return result.error;
    onClose();
    return null;
  };

  return (
    <ConfirmDialog
      title={`Delete bot “${bot.name}”?`}
      testId="delete-bot"
      action="Delete bot"
      busyAction="Deleting…"
      onConfirm={remove}
      onClose={onClose}
    >
      <p>The bot is removed from its fleet for good. The change is recorded in the audit log.</p>
    </ConfirmDialog>
  );
}
