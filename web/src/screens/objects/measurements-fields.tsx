// Object ID "Measurements": height, width, depth, diameter in one length unit, and the weight in its own.
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import type { MeasurementsDraft } from './draft.ts';
import { FieldHelp } from './draft-text.tsx';
import { reasonAt, type FormError } from './field-errors.ts';

const lengths = ['height', 'width', 'depth', 'diameter'] as const;
const lengthUnits = ['cm', 'mm', 'in'] as const;
const weightUnits = ['g', 'kg'] as const;

interface Props {
  value: MeasurementsDraft;
  onChange: (value: MeasurementsDraft) => void;
  error: FormError;
}

export function MeasurementsFields({ value, onChange, error }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<MeasurementsDraft>) => onChange({ ...value, ...patch });
  const whole = reasonAt(error, 'measurements');
  const number = (name: (typeof lengths)[number] | 'weight') => (
    <Field key={name} label={t(`measure.${name}`)} error={reasonAt(error, `measurements.${name}`)}>
      <input type="number" inputMode="decimal" step="any" min="0" value={value[name]} onInput={(event) => set({ [name]: event.currentTarget.value })} />
    </Field>
  );
  const unit = <K extends 'unit' | 'weightUnit'>(name: K, label: string, units: readonly NonNullable<MeasurementsDraft[K]>[]) => (
    <Field label={label} error={reasonAt(error, `measurements.${name}`)}>
      <select value={value[name]} onChange={(event) => set({ [name]: event.currentTarget.value } as Partial<MeasurementsDraft>)}>
        {units.map((option) => (
          <option key={option} value={option}>
            {t(`unit.${option}`)}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <fieldset class={whole ? 'fieldset-error' : undefined}>
      <legend>{t('field.measurements')}</legend>
      <p class="help">
        <FieldHelp help={t('field.measurements.help')} example={t('field.measurements.example')} />
      </p>
      {whole && <p class="field-error">{whole}</p>}
      <div class="row">
        {lengths.map(number)}
        {unit('unit', t('measure.unit'), lengthUnits)}
      </div>
      <div class="row">
        {number('weight')}
        {unit('weightUnit', t('measure.weightUnit'), weightUnits)}
      </div>
    </fieldset>
  );
}
