// The review workspace: search bar and tools on top, the timeline under it, facets on the left, the
// event table (or the summary) in the centre, the detail pane on the right, the status bar below.
// The committed query text is the one source of truth every panel reads; panels change it only by
// handing back new text (facets, timeline, presets, summary), so they cannot disagree.
import { useCallback, useRef, useState } from 'react';
import type { EventRow, QueryRequest } from '../../shared/contract.ts';
import { useApiCall } from '../api/useApiCall.ts';
import { useCount } from '../api/useCount.ts';
import { DetailPane } from '../detail/DetailPane.tsx';
import { ExportDialog } from '../export/ExportDialog.tsx';
import { FacetSidebar } from '../facets/FacetSidebar.tsx';
import { ImportDialog } from '../import/ImportDialog.tsx';
import { SearchBar } from '../search/SearchBar.tsx';
import { SummaryDashboard } from '../summary/SummaryDashboard.tsx';
import { ColumnChooser } from '../table/ColumnChooser.tsx';
import { EventTable } from '../table/EventTable.tsx';
import { useColumnLayout } from '../table/useColumnLayout.ts';
import { Timeline } from '../timeline/Timeline.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { Splitter } from './Splitter.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Toolbar } from './Toolbar.tsx';
import { useFileDrop } from './useFileDrop.ts';
import { useGlobalKeys } from './useGlobalKeys.ts';
import { useJobs } from './useJobs.ts';
import { useMenuCommands } from './useMenuCommands.ts';
import { usePersistentState } from './usePersistentState.ts';
import { useTheme } from './useTheme.ts';

type Sort = NonNullable<QueryRequest['sort']>;

export function App() {
  const theme = useTheme();
  const [dataVersion, setDataVersion] = useState(0);
  const jobs = useJobs(useCallback(() => setDataVersion((v) => v + 1), []));
  const caseInfo = useApiCall('case.info', {}, dataVersion);

  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>({ field: 'time', dir: 'desc' });
  const [zone, setZone] = usePersistentState('auditViewer.zone', 'UTC');
  const [selected, setSelected] = useState<{ index: number; id: string | null } | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [view, setView] = useState<'events' | 'summary'>('events');
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  const [dropped, setDropped] = useState<string[]>([]);
  const [importShown, setImportShown] = useState<string | null>(null);
  const [facetsCut, setFacetsCut] = useState(false);
  const [sidebarWidth, setSidebarWidth] = usePersistentState('auditViewer.sidebarWidth', 260);
  const [detailWidth, setDetailWidth] = usePersistentState('auditViewer.detailWidth', 460);
  const columns = useColumnLayout();
  const searchRef = useRef<HTMLInputElement>(null);

  const count = useCount(query, dataVersion);
  // Rows first: facets and the histogram are counted for the last query whose first screen of rows
  // is shown, so on a big case they never queue ahead of the page the person is waiting for.
  const [settledQuery, setSettledQuery] = useState<string | null>(null);
  const countQuery = view === 'summary' ? query : settledQuery;

  const changeQuery = useCallback((q: string) => { setQuery(q); setSelected(null); }, []);
  const changeSort = useCallback((s: Sort) => { setSort(s); setSelected(null); }, []);
  const onSelect = useCallback((index: number, row: EventRow | undefined) => {
    setSelected({ index, id: row?.id ?? null });
    // With the pane open, the detail follows the selection as the person arrows through rows.
    if (row) setDetailId((d) => (d === null ? d : row.id));
  }, []);
  const onOpen = useCallback((index: number, row: EventRow) => { setSelected({ index, id: row.id }); setDetailId(row.id); }, []);

  useGlobalKeys({
    focusSearch: () => { searchRef.current?.focus(); searchRef.current?.select(); },
    closeDetail: () => setDetailId(null),
  });
  const dragging = useFileDrop(useCallback((names: string[]) => { setDropped(names); setDialog('import'); }, []));
  useMenuCommands({
    export: () => setDialog('export'),
    // Main started it (a drop, File ▸ Import, files given at launch): follow it like one started here.
    // Tracking polls its status, so even an import that ended before the page loaded shows its summary.
    import: ({ importId }) => { jobs.track('import', importId); setImportShown(importId); setDropped([]); setDialog('import'); },
    // The page's own choice would otherwise override the theme picked in the native menu.
    theme: ({ theme: t }) => theme.setChoice(t),
  });

  const info = caseInfo.value;
  const runningJobs = Object.values(jobs.jobs);
  const appState = caseInfo.status === 'ready' ? 'ready' : caseInfo.status === 'error' ? 'error' : 'loading';
  const gridColumns = `${sidebarWidth}px 5px minmax(320px, 1fr)${detailId ? ` 5px ${detailWidth}px` : ''}`;

  return (
    <div className={`app${dragging ? ' drop-target' : ''}`} data-state={appState}>
      <header className="top-bar">
        <div className="brand" title={info?.appVersion ? `Audit Viewer ${info.appVersion}` : 'Audit Viewer'}>Audit Viewer</div>
        <SearchBar query={query} onCommit={changeQuery} inputRef={searchRef} />
        <Toolbar
          zone={zone} onZone={setZone} theme={theme.choice} onTheme={theme.setChoice}
          onImport={() => { setDropped([]); setDialog('import'); }} onExport={() => setDialog('export')}
          exportDisabled={!count.value || count.value.total === 0}
        />
      </header>
      {caseInfo.error && <div className="banner"><ErrorNote error={caseInfo.error} onRetry={() => setDataVersion((v) => v + 1)} /></div>}
      <Timeline query={query} countQuery={countQuery} onQueryChange={changeQuery} zone={zone} refresh={dataVersion} />
      <div className="workspace" style={{ gridTemplateColumns: gridColumns }}>
        <FacetSidebar query={query} countQuery={countQuery} onQueryChange={changeQuery} refresh={dataVersion} onCutShort={setFacetsCut} />
        <Splitter label="Resize filters" value={sidebarWidth} min={180} max={520} direction={1} onChange={setSidebarWidth} />
        <main className="centre">
          <div className="centre-bar">
            <div className="segmented" role="tablist" aria-label="View">
              <button type="button" role="tab" aria-selected={view === 'events'} onClick={() => setView('events')}>Events</button>
              <button type="button" role="tab" aria-selected={view === 'summary'} onClick={() => setView('summary')}>Summary</button>
            </div>
            <span className="status-spacer" />
            {view === 'events' && <ColumnChooser columns={columns} />}
          </div>
          {view === 'events' ? (
            <EventTable
              query={query} sort={sort} onSort={changeSort}
              count={count.value} countError={count.error}
              zone={zone} columns={columns}
              selectedIndex={selected?.index ?? null} selectedId={selected?.id ?? null}
              onSelect={onSelect} onOpen={onOpen}
              caseIsEmpty={info !== undefined && info !== null && info.totals.events === 0}
              refresh={dataVersion}
              onSettled={setSettledQuery}
            />
          ) : (
            <SummaryDashboard query={query} onQueryChange={changeQuery} zone={zone} refresh={dataVersion} />
          )}
        </main>
        {detailId && (
          <>
            <Splitter label="Resize details" value={detailWidth} min={300} max={1100} direction={-1} onChange={setDetailWidth} />
            <DetailPane eventId={detailId} zone={zone} onClose={() => setDetailId(null)} onOpenEvent={setDetailId} />
          </>
        )}
      </div>
      <StatusBar caseInfo={info ?? null} count={count.value} counting={count.counting} facetsCut={facetsCut} jobs={runningJobs} />
      <ImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} jobs={jobs} droppedNames={dropped} refresh={dataVersion}
        importId={importShown} onImportId={setImportShown} />
      <ExportDialog open={dialog === 'export'} onClose={() => setDialog(null)} jobs={jobs} query={query} sort={sort} zone={zone} casePath={info?.path ?? null} count={count.value ?? null} />
    </div>
  );
}
