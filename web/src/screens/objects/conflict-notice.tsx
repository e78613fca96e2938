// What someone else changed while you were editing: each field with its value in your version and now.
import type { ObjectView } from '../../../../schemas/object.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { useDescribe } from './describe.ts';
import { changedFields } from './draft.ts';

interface Props {
  base: ObjectView;
  current: ObjectView;
  /** The fields the user changed in the edit, to point out those someone else changed too. */
  mine: readonly string[];
  onReapply: () => void;
  onDiscard: () => void;
}

export function ConflictNotice({ base, current, mine, onReapply, onDiscard }: Props) {
  const { t } = useI18n();
  const describe = useDescribe();
  const changed = changedFields(base, current);
  const shown = (object: ObjectView, field: (typeof changed)[number]) => describe(field, object).join('; ') || t('conflict.empty');
  return (
    <div class="notice conflict" role="alert">
      <p>
        <strong>{t('conflict.title')}</strong> {t('conflict.explain', { yours: base.version, theirs: current.version })}
      </p>
      {changed.length === 0 ? (
        <p>{t('conflict.onlyStatus', { status: t(`status.${current.status}`) })}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{t('conflict.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('conflict.field')}</th>
                <th scope="col">{t('conflict.yourVersion', { version: base.version })}</th>
                <th scope="col">{t('conflict.now', { version: current.version })}</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((field) => (
                <tr key={field}>
                  <th scope="row">
                    {t(`field.${field}`)} {mine.includes(field) && <span class="badge medium">{t('conflict.alsoYours')}</span>}
                  </th>
                  <td>{shown(base, field)}</td>
                  <td>{shown(current, field)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="row actions">
        <button type="button" onClick={onReapply}>
          {t('conflict.reapply', { version: current.version })}
        </button>
        <button type="button" class="secondary" onClick={onDiscard}>
          {t('conflict.discard')}
        </button>
      </div>
    </div>
  );
}
