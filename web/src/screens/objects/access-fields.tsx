// Who reads the record, and the restricted part only police, customs and the museum see: case reference and contact.
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import type { ContactDraft, ObjectDraft } from './draft.ts';
import { DraftText, FieldHelp } from './draft-text.tsx';
import { reasonAt, type FormError } from './field-errors.ts';

const visibilities: readonly ObjectDraft['visibility'][] = ['public', 'partners', 'law-enforcement'];

interface Props {
  draft: ObjectDraft;
  onChange: (draft: ObjectDraft) => void;
  error: FormError;
}

export function AccessFields({ draft, onChange, error }: Props) {
  const { t } = useI18n();
  const setContact = (patch: Partial<ContactDraft>) => onChange({ ...draft, contact: { ...draft.contact, ...patch } });
  return (
    <fieldset>
      <legend>{t('form.access')}</legend>
      <Field label={t('field.visibility')} help={t(`visibility.${draft.visibility}.help`)} error={reasonAt(error, 'visibility')}>
        <select value={draft.visibility} onChange={(event) => onChange({ ...draft, visibility: event.currentTarget.value as ObjectDraft['visibility'] })}>
          {visibilities.map((visibility) => (
            <option key={visibility} value={visibility}>
              {t(`visibility.${visibility}`)}
            </option>
          ))}
        </select>
      </Field>
      <p class="help">{t('form.restrictedHelp')}</p>
      <DraftText field="policeReference" value={draft.policeReference} onInput={(policeReference) => onChange({ ...draft, policeReference })} error={error} />
      <fieldset>
        <legend>{t('field.contact')}</legend>
        <p class="help">{t('field.contact.help')}</p>
        <Field label={t('contact.name')} help={<FieldHelp help={t('contact.name.help')} example={t('contact.name.example')} />} error={reasonAt(error, 'contact.name') ?? reasonAt(error, 'contact')}>
          <input type="text" autocomplete="organization" value={draft.contact.name} onInput={(event) => setContact({ name: event.currentTarget.value })} />
        </Field>
        <div class="row">
          <Field label={t('contact.email')} help={<FieldHelp help={t('contact.email.help')} example="registrar@museum.example.org" />} error={reasonAt(error, 'contact.email')}>
            <input type="email" dir="ltr" autocomplete="email" value={draft.contact.email} onInput={(event) => setContact({ email: event.currentTarget.value })} />
          </Field>
          <Field label={t('contact.phone')} help={<FieldHelp help={t('contact.phone.help')} example="+30 210 123 4567" />} error={reasonAt(error, 'contact.phone')}>
            <input type="tel" dir="ltr" autocomplete="tel" value={draft.contact.phone} onInput={(event) => setContact({ phone: event.currentTarget.value })} />
          </Field>
        </div>
      </fieldset>
    </fieldset>
  );
}
