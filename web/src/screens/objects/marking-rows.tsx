// Object ID "Markings": inventory numbers, labels, seals, stamps and signatures, with what they say and where.
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { emptyMarking, type MarkingDraft } from './draft.ts';
import { FieldHelp } from './draft-text.tsx';
import { reasonAt, type FormError } from './field-errors.ts';

// The kinds of schemas/object-id.ts MarkingKind (zod stays out of the browser); the type keeps the two in step.
const markingKinds: readonly MarkingDraft['kind'][] = ['inventory-number', 'label', 'seal', 'stamp', 'signature', 'other'];

interface Props {
  rows: MarkingDraft[];
  onChange: (rows: MarkingDraft[]) => void;
  error: FormError;
}

export function MarkingRows({ rows, onChange, error }: Props) {
  const { t } = useI18n();
  const set = (n: number, patch: Partial<MarkingDraft>) => onChange(rows.map((row, i) => (i === n ? { ...row, ...patch } : row)));
  return (
    <fieldset>
      <legend>{t('field.markings')}</legend>
      <p class="help">
        <FieldHelp help={t('field.markings.help')} example={t('field.markings.example')} />
      </p>
      {rows.map((row, n) => {
        const at = `markings.${n}`;
        return (
          <fieldset key={n} class="repeat">
            <legend>{t('marking.number', { n: n + 1 })}</legend>
            <div class="row">
              <Field label={t('marking.kind')} error={reasonAt(error, `${at}.kind`)}>
                <select value={row.kind} onChange={(event) => set(n, { kind: event.currentTarget.value as MarkingDraft['kind'] })}>
                  {markingKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`marking.${kind}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('marking.text')} help={t('marking.text.help')} error={reasonAt(error, `${at}.text`)}>
                <input type="text" value={row.text} onInput={(event) => set(n, { text: event.currentTarget.value })} />
              </Field>
            </div>
            <Field label={t('marking.location')} help={t('marking.location.help')} error={reasonAt(error, `${at}.location`)}>
              <input type="text" value={row.location} onInput={(event) => set(n, { location: event.currentTarget.value })} />
            </Field>
            <button type="button" class="secondary" onClick={() => onChange(rows.filter((_, i) => i !== n))}>
              {t('marking.remove', { n: n + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="secondary" onClick={() => onChange([...rows, emptyMarking()])}>
        {t('marking.add')}
      </button>
    </fieldset>
  );
}
