// What a search or a sighting describes besides a photo: free text in a language, and structured fields.
import type * as z from 'zod';
import type { StructuredQuery } from '../../../../schemas/matching.ts';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { reasonAt } from '../objects/field-errors.ts';
import { LanguageSelect } from '../objects/language-select.tsx';
import { CountrySelect } from './country-select.tsx';

export const dimensions = ['height', 'width', 'depth', 'diameter'] as const;
export const lengthUnits = ['cm', 'mm', 'in'] as const;

export interface QueryDraft {
  text: string;
  lang: string;
  objectType: string;
  materials: string;
  dimension: (typeof dimensions)[number];
  size: string;
  unit: (typeof lengthUnits)[number];
  inscription: string;
  marking: string;
  country: string;
}

export const emptyDraft: QueryDraft = {
  text: '',
  lang: '',
  objectType: '',
  materials: '',
  dimension: 'height',
  size: '',
  unit: 'cm',
  inscription: '',
  marking: '',
  country: '',
};

/** The structured fields that were filled in, or undefined when none was. */
export function structuredOf(draft: QueryDraft): z.input<typeof StructuredQuery> | undefined {
  const materials = draft.materials.split(/[,،;]/).map((material) => material.trim()).filter(Boolean);
  const structured = {
    ...(draft.objectType.trim() ? { objectType: draft.objectType.trim() } : {}),
    ...(materials.length ? { materials } : {}),
    ...(draft.size.trim() ? { measurements: { [draft.dimension]: Number(draft.size), unit: draft.unit } } : {}),
    ...(draft.inscription.trim() ? { inscriptions: [draft.inscription.trim()] } : {}),
    ...(draft.marking.trim() ? { markings: [draft.marking.trim()] } : {}),
    ...(draft.country ? { country: draft.country } : {}),
  };
  return Object.keys(structured).length ? structured : undefined;
}

interface Props {
  draft: QueryDraft;
  onChange: (change: Partial<QueryDraft>) => void;
  error: Error | undefined;
}

export function QueryFields({ draft, onChange, error }: Props) {
  const { t } = useI18n();
  return (
    <>
      <fieldset>
        <legend>{t('search.textLegend')}</legend>
        <Field label={t('search.text')} help={t('search.textHelp')} error={reasonAt(error, 'text', true)}>
          <textarea value={draft.text} maxLength={5000} onInput={(event) => onChange({ text: event.currentTarget.value })} />
        </Field>
        <Field label={t('search.lang')} error={reasonAt(error, 'lang', true)}>
          <LanguageSelect value={draft.lang} emptyLabel={t('search.langAny')} onChange={(lang) => onChange({ lang })} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('search.structuredLegend')}</legend>
        <p class="help">{t('search.structuredHelp')}</p>
        <div class="row">
          <Field label={t('search.objectType')} help={t('search.objectTypeHelp')} error={reasonAt(error, 'structured.objectType', true)}>
            <input value={draft.objectType} maxLength={100} onInput={(event) => onChange({ objectType: event.currentTarget.value })} />
          </Field>
          <Field label={t('search.materials')} help={t('search.materialsHelp')} error={reasonAt(error, 'structured.materials', true)}>
            <input value={draft.materials} onInput={(event) => onChange({ materials: event.currentTarget.value })} />
          </Field>
        </div>
        <div class="row measurement">
          <Field label={t('search.dimension')}>
            <select value={draft.dimension} onChange={(event) => onChange({ dimension: event.currentTarget.value as QueryDraft['dimension'] })}>
              {dimensions.map((dimension) => (
                <option key={dimension} value={dimension}>
                  {t(`search.dimension.${dimension}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('search.size')} error={reasonAt(error, 'structured.measurements', true)}>
            <input type="number" min="0" step="any" value={draft.size} onInput={(event) => onChange({ size: event.currentTarget.value })} />
          </Field>
          <Field label={t('search.unit')}>
            <select value={draft.unit} onChange={(event) => onChange({ unit: event.currentTarget.value as QueryDraft['unit'] })}>
              {lengthUnits.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`search.unit.${unit}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div class="row">
          <Field label={t('search.inscription')} help={t('search.inscriptionHelp')} error={reasonAt(error, 'structured.inscriptions', true)}>
            <input value={draft.inscription} maxLength={1000} onInput={(event) => onChange({ inscription: event.currentTarget.value })} />
          </Field>
          <Field label={t('search.marking')} help={t('search.markingHelp')} error={reasonAt(error, 'structured.markings', true)}>
            <input value={draft.marking} maxLength={500} onInput={(event) => onChange({ marking: event.currentTarget.value })} />
          </Field>
        </div>
        <Field label={t('search.country')} help={t('search.countryHelp')} error={reasonAt(error, 'structured.country', true)}>
          <CountrySelect value={draft.country} emptyLabel={t('search.countryAny')} onChange={(country) => onChange({ country })} />
        </Field>
      </fieldset>
    </>
  );
}
