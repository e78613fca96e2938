// An object's status as a coloured badge (the status-* badge colours are shared with the search results).
import type { ObjectStatus } from '../../../../schemas/object-id.ts';
import { useI18n } from '../../i18n/i18n.ts';

export function StatusBadge({ status }: { status: ObjectStatus }) {
  const { t } = useI18n();
  return <span class={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}
