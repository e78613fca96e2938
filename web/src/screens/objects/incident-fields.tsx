// The loss: when (to the year, month or day), in which country, where, and how.
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { CountrySelect } from '../search/country-select.tsx';
import type { IncidentDraft } from './draft.ts';
import { FieldHelp } from './draft-text.tsx';
import { reasonAt, type FormError } from './field-errors.ts';

interface Props {
  value: IncidentDraft;
  onChange: (value: IncidentDraft) => void;
  error: FormError;
}

export function IncidentFields({ value, onChange, error }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<IncidentDraft>) => onChange({ ...value, ...patch });
  const whole = reasonAt(error, 'incident');
  return (
    <fieldset class={whole ? 'fieldset-error' : undefined}>
      <legend>{t('field.incident')}</legend>
      <p class="help">{t('field.incident.help')}</p>
      {whole && <p class="field-error">{whole}</p>}
      <div class="row">
        <Field label={t('incident.date')} help={<FieldHelp help={t('incident.date.help')} example={t('incident.date.example')} />} error={reasonAt(error, `incident.date`)}>
          <input type="text" inputMode="numeric" dir="ltr" value={value.date} onInput={(event) => set({ date: event.currentTarget.value })} />
        </Field>
        <Field label={t('form.requiredLabel', { label: t('incident.country') })} help={t('incident.country.help')} error={reasonAt(error, `incident.country`)}>
          <CountrySelect aria-required="true" value={value.country} emptyLabel={t('incident.chooseCountry')} onChange={(country) => set({ country })} />
        </Field>
      </div>
      <Field label={t('incident.place')} help={<FieldHelp help={t('incident.place.help')} example={t('incident.place.example')} />} error={reasonAt(error, `incident.place`)}>
        <input type="text" value={value.place} onInput={(event) => set({ place: event.currentTarget.value })} />
      </Field>
      <Field
        label={t('incident.circumstances')}
        help={<FieldHelp help={t('incident.circumstances.help')} example={t('incident.circumstances.example')} />}
        error={reasonAt(error, `incident.circumstances`)}
      >
        <textarea rows={3} value={value.circumstances} onInput={(event) => set({ circumstances: event.currentTarget.value })} />
      </Field>
    </fieldset>
  );
}
