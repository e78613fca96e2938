// What the status means for whoever reads the record: sought and alerted on, unsettled (with the notice), or found.
import type { ObjectView } from '../../../../schemas/object.ts';
import { useI18n } from '../../i18n/i18n.ts';

export function StatusNotice({ object }: { object: ObjectView }) {
  const { t } = useI18n();
  const kind = object.status === 'recovered' || object.status === 'returned' ? 'success' : 'notice';
  return (
    <div class={kind}>
      <p>{t(`status.${object.status}.help`)}</p>
      {object.notice && (
        <p>
          <strong>{t('detail.notice')}</strong> {object.notice}
        </p>
      )}
    </div>
  );
}
