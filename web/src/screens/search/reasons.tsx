// Why a candidate scored as it did, in plain words: each reason with the field it concerns, for or against.
import type * as z from 'zod';
import type { Reason } from '../../../../schemas/matching.ts';
import { useI18n } from '../../i18n/i18n.ts';

// The fields the matcher gives reasons about (functions/matching); another field is shown by its own name.
const namedFields = ['photo', 'objectType', 'materials', 'subject', 'description', 'inscriptions', 'markings', 'measurements', 'country'] as const;
type NamedField = (typeof namedFields)[number];
const isNamed = (field: string): field is NamedField => (namedFields as readonly string[]).includes(field);

export function Reasons({ reasons }: { reasons: z.output<typeof Reason>[] }) {
  const { t } = useI18n();
  if (reasons.length === 0) return null;
  return (
    <ul class="reasons" aria-label={t('match.reasons')}>
      {reasons.map((reason, index) => {
        const against = reason.contribution < 0;
        return (
          <li key={index} class={against ? 'against' : 'for'}>
            <span class={against ? 'badge low' : 'badge high'}>{t(against ? 'match.against' : 'match.for')}</span>{' '}
            <strong>{isNamed(reason.field) ? t(`match.field.${reason.field}`) : reason.field}</strong>:{' '}
            <span lang="en" dir="auto">
              {reason.detail}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
