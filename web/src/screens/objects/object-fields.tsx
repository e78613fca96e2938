// The Object ID description in the standard's order, then the free description and the record's language.
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import type { ObjectDraft } from './draft.ts';
import { DraftText, FieldHelp, type TextField } from './draft-text.tsx';
import { reasonAt, type FormError } from './field-errors.ts';
import { InscriptionRows } from './inscription-rows.tsx';
import { LanguageSelect } from './language-select.tsx';
import { MarkingRows } from './marking-rows.tsx';
import { MeasurementsFields } from './measurements-fields.tsx';

interface Props {
  draft: ObjectDraft;
  onChange: (draft: ObjectDraft) => void;
  error: FormError;
}

export function ObjectFields({ draft, onChange, error }: Props) {
  const { t } = useI18n();
  const text = (field: TextField, options: { multiline?: boolean; required?: boolean } = {}) => (
    <DraftText field={field} value={draft[field]} onInput={(value) => onChange({ ...draft, [field]: value })} error={error} {...options} />
  );
  return (
    <>
      <fieldset>
        <legend>{t('form.identification')}</legend>
        <p class="help">{t('form.identification.help')}</p>
        {text('objectType', { required: true })}
        {text('materials')}
        {text('techniques')}
        <MeasurementsFields value={draft.measurements} onChange={(measurements) => onChange({ ...draft, measurements })} error={error} />
        <InscriptionRows rows={draft.inscriptions} onChange={(inscriptions) => onChange({ ...draft, inscriptions })} error={error} />
        <MarkingRows rows={draft.markings} onChange={(markings) => onChange({ ...draft, markings })} error={error} />
        {text('distinguishingFeatures', { multiline: true })}
        {text('title')}
        {text('subject')}
        {text('dateOrPeriod')}
        {text('maker')}
        {text('culture')}
      </fieldset>
      <fieldset>
        <legend>{t('form.descriptionPart')}</legend>
        {text('description', { multiline: true, required: true })}
        <Field
          label={t('form.requiredLabel', { label: t('field.lang') })}
          help={<FieldHelp help={t('field.lang.help')} example={t('field.lang.example')} />}
          error={reasonAt(error, 'lang')}
        >
          <LanguageSelect value={draft.lang} onChange={(lang) => onChange({ ...draft, lang })} />
        </Field>
      </fieldset>
    </>
  );
}
