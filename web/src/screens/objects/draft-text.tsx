// One free-text field of the Object ID form: its label, its help with an example, and the API's reason if refused.
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { reasonAt, type FormError } from './field-errors.ts';

export type TextField =
  | 'objectType'
  | 'materials'
  | 'techniques'
  | 'distinguishingFeatures'
  | 'title'
  | 'subject'
  | 'dateOrPeriod'
  | 'maker'
  | 'culture'
  | 'description'
  | 'policeReference';

// Lists are typed comma-separated; the API names the item it refused ("materials.2").
const lists: ReadonlySet<TextField> = new Set(['materials', 'techniques']);

interface Props {
  field: TextField;
  value: string;
  onInput: (value: string) => void;
  error: FormError;
  multiline?: boolean;
  required?: boolean;
}

export function FieldHelp({ help, example }: { help: string; example: string }) {
  const { t } = useI18n();
  return (
    <>
      {help} <span class="example">{t('form.example', { example })}</span>
    </>
  );
}

export function DraftText({ field, value, onInput, error, multiline = false, required = false }: Props) {
  const { t } = useI18n();
  const label = required ? t('form.requiredLabel', { label: t(`field.${field}`) }) : t(`field.${field}`);
  const control = { value, 'aria-required': required ? ('true' as const) : undefined, onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value) };
  return (
    <Field label={label} help={<FieldHelp help={t(`field.${field}.help`)} example={t(`field.${field}.example`)} />} error={reasonAt(error, field, lists.has(field))}>
      {multiline ? <textarea {...control} rows={4} /> : <input type="text" {...control} />}
    </Field>
  );
}
