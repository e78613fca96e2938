// Where, when and through which channel an object was seen: the part every sighting report asks, online or offline.
import type * as z from 'zod';
import type { Channel } from '../../../../schemas/matching.ts';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { reasonAt } from '../objects/field-errors.ts';
import { CountrySelect } from './country-select.tsx';

export type ChannelName = z.output<typeof Channel>;

export interface Seen {
  channel: ChannelName;
  /** YYYY-MM-DD */
  date: string;
  country: string;
  place: string;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** The report's seenAt: a blank place is left out rather than sent empty. */
export const seenAtOf = (seen: Seen) => ({ date: seen.date, country: seen.country, ...(seen.place.trim() ? { place: seen.place.trim() } : {}) });

interface Props {
  value: Seen;
  onChange: (seen: Seen) => void;
  channels: readonly ChannelName[];
  /** The API's refusal, whose fields are shown beside their inputs. */
  error?: Error | undefined;
}

export function SeenFields({ value, onChange, channels, error }: Props) {
  const { t } = useI18n();
  const set = (change: Partial<Seen>) => onChange({ ...value, ...change });
  return (
    <>
      <Field label={t('sighting.channel')} error={reasonAt(error, 'channel', true)}>
        <select value={value.channel} onChange={(event) => set({ channel: event.currentTarget.value as ChannelName })}>
          {channels.map((name) => (
            <option key={name} value={name}>
              {t(`sighting.channel.${name}`)}
            </option>
          ))}
        </select>
      </Field>
      <div class="row">
        <Field label={t('sighting.seenOn')} error={reasonAt(error, 'seenAt.date', true)}>
          <input type="date" required value={value.date} max={today()} onInput={(event) => set({ date: event.currentTarget.value })} />
        </Field>
        <Field label={t('sighting.seenIn')} error={reasonAt(error, 'seenAt.country', true)}>
          <CountrySelect value={value.country} emptyLabel={t('country.choose')} onChange={(country) => set({ country })} required />
        </Field>
      </div>
      <Field label={t('sighting.place')} help={t('sighting.placeHelp')} error={reasonAt(error, 'seenAt.place', true)}>
        <input value={value.place} maxLength={300} onInput={(event) => set({ place: event.currentTarget.value })} />
      </Field>
    </>
  );
}
