// Object ID "Inscriptions": each as written, where on the object, in which script and language; as many as there are.
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { emptyInscription, type InscriptionDraft } from './draft.ts';
import { FieldHelp } from './draft-text.tsx';
import { reasonAt, type FormError } from './field-errors.ts';
import { LanguageSelect } from './language-select.tsx';
import { commonScripts, useNamed, useNames } from './names.ts';

interface Props {
  rows: InscriptionDraft[];
  onChange: (rows: InscriptionDraft[]) => void;
  error: FormError;
}

export function InscriptionRows({ rows, onChange, error }: Props) {
  const { t } = useI18n();
  const names = useNames();
  const scripts = useNamed(commonScripts, names.script);
  const set = (n: number, patch: Partial<InscriptionDraft>) => onChange(rows.map((row, i) => (i === n ? { ...row, ...patch } : row)));
  return (
    <fieldset>
      <legend>{t('field.inscriptions')}</legend>
      <p class="help">
        <FieldHelp help={t('field.inscriptions.help')} example={t('field.inscriptions.example')} />
      </p>
      {rows.map((row, n) => {
        const at = `inscriptions.${n}`;
        return (
          <fieldset key={n} class="repeat">
            <legend>{t('inscription.number', { n: n + 1 })}</legend>
            <Field label={t('inscription.text')} help={t('inscription.text.help')} error={reasonAt(error, `${at}.text`)}>
              <textarea rows={2} value={row.text} onInput={(event) => set(n, { text: event.currentTarget.value })} />
            </Field>
            <Field label={t('inscription.location')} help={t('inscription.location.help')} error={reasonAt(error, `${at}.location`)}>
              <input type="text" value={row.location} onInput={(event) => set(n, { location: event.currentTarget.value })} />
            </Field>
            <div class="row">
              <Field label={t('inscription.script')} help={t('inscription.script.help')} error={reasonAt(error, `${at}.script`)}>
                <select value={row.script} onChange={(event) => set(n, { script: event.currentTarget.value })}>
                  <option value="">{t('form.notKnown')}</option>
                  {scripts.map((script) => (
                    <option key={script.code} value={script.code}>
                      {script.name} ({script.code})
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('inscription.language')} help={t('inscription.language.help')} error={reasonAt(error, `${at}.language`)}>
                <LanguageSelect value={row.language} onChange={(language) => set(n, { language })} emptyLabel={t('form.notKnown')} />
              </Field>
            </div>
            <button type="button" class="secondary" onClick={() => onChange(rows.filter((_, i) => i !== n))}>
              {t('inscription.remove', { n: n + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="secondary" onClick={() => onChange([...rows, emptyInscription()])}>
        {t('inscription.add')}
      </button>
    </fieldset>
  );
}
