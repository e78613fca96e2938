// The record as read: every Object ID field it has, in the standard's order; the restricted ones marked as such.
import type { ObjectView } from '../../../../schemas/object.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { useDescribe } from './describe.ts';
import { descriptiveFields, type DescriptiveField } from './draft.ts';

// The fields of schemas/object-id.ts restrictedFields: present only for those allowed to read them.
const restricted: ReadonlySet<DescriptiveField> = new Set(['policeReference', 'contact']);

export function ObjectRecord({ object }: { object: ObjectView }) {
  const { t, date } = useI18n();
  const describe = useDescribe();
  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">{t('record.heading')}</h2>
      <dl class="record">
        {descriptiveFields.map((field) => {
          const lines = describe(field, object);
          if (lines.length === 0) return null;
          return (
            <div key={field}>
              <dt>
                {t(`field.${field}`)} {restricted.has(field) && <span class="badge">{t('record.restricted')}</span>}
              </dt>
              {lines.map((line, n) => (
                <dd key={n}>{line}</dd>
              ))}
            </div>
          );
        })}
        <div>
          <dt>{t('record.registeredBy')}</dt>
          <dd>{t('record.registeredOn', { org: object.orgId, date: date(object.createdAt) })}</dd>
        </div>
        <div>
          <dt>{t('record.version')}</dt>
          <dd>{t('record.versionOn', { version: object.version, date: date(object.updatedAt) })}</dd>
        </div>
      </dl>
    </section>
  );
}
