// Reports what the search describes as a sighting: where and when it was seen, through which channel, and the page.
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import type { Channel, ReportSighting as ReportBody } from '../../../../schemas/matching.ts';
import type { Role } from '../../../../schemas/identity.ts';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { CountrySelect } from './country-select.tsx';
import { reasonAt } from '../objects/field-errors.ts';

type ChannelName = z.output<typeof Channel>;
const channels: ChannelName[] = ['customs', 'police', 'auction', 'online-marketplace', 'public'];
const channelOf: Record<Role, ChannelName> = {
  customs: 'customs',
  police: 'police',
  market: 'online-marketplace',
  public: 'public',
  museum: 'public',
  admin: 'public',
};

/** What the report carries from the search: the photo, the text and the structured fields. */
export type Described = Pick<z.input<typeof ReportBody>, 'text' | 'lang' | 'structured' | 'imageKeys'>;

export function ReportSighting({ described }: { described: Described }) {
  const { api, session } = useApp();
  const { t } = useI18n();
  const { route } = useLocation();
  const [channel, setChannel] = useState(channelOf[session.role]);
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [country, setCountry] = useState(described.structured?.country ?? '');
  const [place, setPlace] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [error, setError] = useState<Error>();
  const [sending, setSending] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form opens below the results: take keyboard and screen reader users to it.
  useEffect(() => heading.current?.focus(), []);

  const send = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const accepted = await api.reportSighting({
        ...described,
        channel,
        seenAt: { date, country, ...(place.trim() ? { place: place.trim() } : {}) },
        ...(sourceUrl.trim() ? { sourceUrl: sourceUrl.trim() } : {}),
      });
      route(`/sightings/${accepted.id}`);
    } catch (failure) {
      setError(failure as Error);
      setSending(false);
    }
  };

  return (
    <form class="form card report-sighting" onSubmit={send} aria-labelledby="report-title">
      <h2 id="report-title" ref={heading} tabIndex={-1}>{t('sighting.reportTitle')}</h2>
      <p class="help">{t('sighting.reportHelp')}</p>
      <ErrorSummary error={error} />
      <Field label={t('sighting.channel')} error={reasonAt(error, 'channel', true)}>
        <select value={channel} onChange={(event) => setChannel(event.currentTarget.value as ChannelName)}>
          {channels.map((name) => (
            <option key={name} value={name}>
              {t(`sighting.channel.${name}`)}
            </option>
          ))}
        </select>
      </Field>
      <div class="row">
        <Field label={t('sighting.seenOn')} error={reasonAt(error, 'seenAt.date', true)}>
          <input type="date" required value={date} onInput={(event) => setDate(event.currentTarget.value)} />
        </Field>
        <Field label={t('sighting.seenIn')} error={reasonAt(error, 'seenAt.country', true)}>
          <CountrySelect value={country} emptyLabel={t('country.choose')} onChange={setCountry} required />
        </Field>
      </div>
      <Field label={t('sighting.place')} help={t('sighting.placeHelp')} error={reasonAt(error, 'seenAt.place', true)}>
        <input value={place} maxLength={300} onInput={(event) => setPlace(event.currentTarget.value)} />
      </Field>
      <Field label={t('sighting.sourceUrl')} help={t('sighting.sourceUrlHelp')} error={reasonAt(error, 'sourceUrl', true)}>
        <input type="url" inputMode="url" value={sourceUrl} placeholder="https://" onInput={(event) => setSourceUrl(event.currentTarget.value)} />
      </Field>
      <div>
        <button type="submit" disabled={sending}>
          {sending ? t('sighting.sending') : t('sighting.send')}
        </button>
      </div>
    </form>
  );
}
