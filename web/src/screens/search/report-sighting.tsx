// Reports what the search describes as a sighting: where and when it was seen, through which channel, and the page.
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import type { ReportSighting as ReportBody } from '../../../../schemas/matching.ts';
import type { Role } from '../../../../schemas/identity.ts';
import { useApp } from '../../app-context.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Field } from '../../components/field.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { reasonAt } from '../objects/field-errors.ts';
import { type ChannelName, type Seen, SeenFields, seenAtOf, today } from './seen-fields.tsx';

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
  const [seen, setSeen] = useState<Seen>(() => ({ channel: channelOf[session.role], date: today(), country: described.structured?.country ?? '', place: '' }));
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
        channel: seen.channel,
        seenAt: seenAtOf(seen),
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
      <SeenFields value={seen} onChange={setSeen} channels={channels} error={error} />
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
