// The watch list for field use: keep the sought objects of some countries on the device, search and browse them with
// no network, report sightings that wait in an outbox until the network returns.
import { useI18n } from '../i18n/i18n.ts';
import { DownloadPanel } from './watch-list/download-panel.tsx';
import { ListSearch } from './watch-list/list-search.tsx';
import { OfflineReport } from './watch-list/offline-report.tsx';
import { Outbox } from './watch-list/outbox.tsx';
import { useKeptList } from './watch-list/use-kept-list.ts';

export default function WatchList() {
  const { t } = useI18n();
  const kept = useKeptList();
  return (
    <>
      <h1>{t('watch.title')}</h1>
      <p class="help">{t('watch.intro')}</p>
      <DownloadPanel kept={kept} />
      {kept.entries && <ListSearch entries={kept.entries} />}
      <OfflineReport />
      <Outbox />
    </>
  );
}
