/**
 * Import a CSV or TSV file: choose or drop it, let the host inspect it (encoding, delimiter, rows,
 * ragged rows), look at the first rows, map the columns, name the list, import, read the report.
 */
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { MemberListSummary, RequestOutput } from '../../../app/ipc/common/contract';
import { encodingChoiceSchema, type EncodingChoice } from '../../../app/lists/common/member-list';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import { BusyIndicator } from './busy-indicator';
import { ImportProblemAlert, type ImportProblem } from './import-problem';
import { ImportReportView } from './import-report';
import {
  delimiterKey,
  fieldColumns,
  formatSize,
  initialMapping,
  isTooLarge,
  listNameFromFile,
  mappingProblem,
  sameColumns,
  toColumnMapping,
  type MappingDraft,
} from './import-model';
import { readImportFile } from './read-import-file';
import { RequestError } from './request-error';

/** A file read into memory, ready to send. */
interface LoadedFile {
  /** Its name. */
  readonly name: string;
  /** Its size in bytes. */
  readonly size: number;
  /** Its bytes, base64. */
  readonly base64: string;
}

/** What `lists:inspect` found in a readable file. */
type Inspection = Extract<RequestOutput<'lists:inspect'>, { ok: true }>;

/** The mapping and naming form. */
interface ImportForm {
  /** Which column is what. */
  readonly mapping: MappingDraft;
  /** Whether the mapping came from the target list's last import. */
  readonly remembered: boolean;
  /** The list imported into, or null for a new one. */
  readonly targetId: string | null;
  /** The list's name. */
  readonly name: string;
  /** Whether Import was pressed once (problems show from then on). */
  readonly tried: boolean;
}

/** Why a loaded file shows no preview. */
type Refusal = { readonly kind: 'file'; readonly problem: ImportProblem } | { readonly kind: 'request'; readonly error: WireError };

type ImportState =
  | { readonly step: 'choose'; readonly problem: ImportProblem | null }
  | { readonly step: 'reading'; readonly name: string; readonly size: number }
  | { readonly step: 'inspecting'; readonly file: LoadedFile; readonly encoding: EncodingChoice }
  | { readonly step: 'refused'; readonly file: LoadedFile; readonly encoding: EncodingChoice; readonly refusal: Refusal }
  | {
      readonly step: 'inspected';
      readonly file: LoadedFile;
      readonly encoding: EncodingChoice;
      readonly inspection: Inspection;
      readonly form: ImportForm;
      readonly phase: 'ready' | 'importing';
      readonly error: WireError | null;
    }
  | { readonly step: 'imported'; readonly result: RequestOutput<'lists:import'> };

/** Props of ImportPanel. */
export interface ImportPanelProps {
  /** The saved lists (a file may be imported into one of them). */
  readonly lists: readonly MemberListSummary[];
  /** The list to import into at first, or null for a new list. */
  readonly initialTargetId: string | null;
  /** Opens a list's detail view. */
  readonly onOpenList: (id: string) => void;
}

/** Waits until the browser has painted, so the busy state shows before a long synchronous step. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** How many ragged-row notes are listed before "and N more". */
const NOTES_SHOWN = 20;

/** Renders the import flow. */
export function ImportPanel({ lists, initialTargetId, onOpenList }: ImportPanelProps) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [state, setState] = useState<ImportState>({ step: 'choose', problem: null });
  const [dragging, setDragging] = useState(false);
  // Every new file or inspection takes a ticket; answers for an older ticket are dropped.
  const ticket = useRef(0);
  const size = (bytes: number) => formatSize(bytes, i18n.language);

  const newForm = (inspection: Inspection, targetId: string | null, fileName: string): ImportForm => {
    const target = lists.find((list) => list.id === targetId) ?? null;
    const { mapping, remembered } = initialMapping(inspection.table.columns, inspection.guessed, target);
    return { mapping, remembered, targetId: target?.id ?? null, name: target?.name ?? listNameFromFile(fileName), tried: false };
  };

  const inspect = async (file: LoadedFile, encoding: EncodingChoice, previous: { inspection: Inspection; form: ImportForm } | null) => {
    const mine = ++ticket.current;
    setState({ step: 'inspecting', file, encoding });
    const result = await client.request('lists:inspect', { fileName: file.name, base64: file.base64, encoding });
    if (mine !== ticket.current) return;
    if (!result.ok) return setState({ step: 'refused', file, encoding, refusal: { kind: 'request', error: result.error } });
    const answer = result.value;
    if (!answer.ok) {
      const { error, detail, line } = answer.error;
      return setState({ step: 'refused', file, encoding, refusal: { kind: 'file', problem: { code: error, detail, ...(line === undefined ? {} : { line }), file: { name: file.name, size: size(file.size) } } } });
    }
    // A new encoding keeps what was chosen when the columns stayed the same.
    const form = previous && sameColumns(previous.inspection.table.columns, answer.table.columns) ? previous.form : newForm(answer, previous?.form.targetId ?? initialTargetId, file.name);
    setState({ step: 'inspected', file, encoding, inspection: answer, form, phase: 'ready', error: null });
  };

  const chooseFile = async (file: File) => {
    const mine = ++ticket.current;
    const facts = { name: file.name, size: size(file.size) };
    if (isTooLarge(file.size)) return setState({ step: 'choose', problem: { code: 'too-large', file: facts } });
    setState({ step: 'reading', name: file.name, size: file.size });
    await nextPaint();
    const read = await readImportFile(file);
    if (mine !== ticket.current) return;
    if (!read.ok) return setState({ step: 'choose', problem: { code: read.problem, file: facts } });
    await inspect({ name: file.name, size: file.size, base64: read.base64 }, 'auto', null);
  };

  const changeEncoding = (encoding: EncodingChoice) => {
    if (state.step === 'inspected') void inspect(state.file, encoding, { inspection: state.inspection, form: state.form });
    else if (state.step === 'refused') void inspect(state.file, encoding, null);
  };

  const updateForm = (patch: Partial<ImportForm>) => setState((s) => (s.step === 'inspected' ? { ...s, form: { ...s.form, ...patch } } : s));

  const changeTarget = (targetId: string | null) =>
    setState((s) => (s.step === 'inspected' ? { ...s, form: { ...newForm(s.inspection, targetId, s.file.name), tried: s.form.tried } } : s));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.step !== 'inspected' || state.phase === 'importing') return;
    const mapping = toColumnMapping(state.form.mapping);
    const name = state.form.name.trim();
    if (mapping === null || name === '') return updateForm({ tried: true });
    const mine = ++ticket.current;
    const from = state;
    setState({ ...from, phase: 'importing', error: null, form: { ...from.form, tried: true } });
    const result = await client.request('lists:import', {
      fileName: from.file.name,
      base64: from.file.base64,
      encoding: from.encoding,
      name,
      mapping,
      ...(from.form.targetId === null ? {} : { listId: from.form.targetId }),
    });
    if (mine !== ticket.current) return;
    setState(result.ok ? { step: 'imported', result: result.value } : { ...from, phase: 'ready', error: result.error });
  };

  const onDragOver = (event: DragEvent) => {
    if (![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void chooseFile(file);
  };

  if (state.step === 'imported') {
    const { list, report } = state.result;
    return (
      <div className="lists-flow">
        <ImportReportView
          title={t('listsScreen.report.title')}
          report={report}
          list={list}
          numbering="line"
          onOpenList={() => onOpenList(list.id)}
          secondary={{ label: t('listsScreen.import.another'), onClick: () => setState({ step: 'choose', problem: null }) }}
        />
      </div>
    );
  }

  const loaded = state.step === 'inspecting' || state.step === 'refused' || state.step === 'inspected' ? state.file : null;
  return (
    <section
      className={`card lists-import${dragging ? ' lists-import--dragging' : ''}`}
      aria-labelledby="lists-import-title"
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      data-step={state.step}
    >
      <h2 id="lists-import-title">{t('listsScreen.import.title')}</h2>
      <p className="muted">{t('listsScreen.import.body')}</p>

      {loaded ? (
        <div className="lists-file">
          <span className="lists-file__name">{t('listsScreen.import.fileInfo', { name: loaded.name, size: size(loaded.size) })}</span>
          <button
            type="button"
            className="button lists-button--small"
            onClick={() => {
              ticket.current += 1;
              setState({ step: 'choose', problem: null });
            }}
          >
            {t('listsScreen.import.chooseAnother')}
          </button>
        </div>
      ) : (
        <DropZone dragging={dragging} disabled={state.step === 'reading'} onFile={(file) => void chooseFile(file)} />
      )}

      {state.step === 'choose' && state.problem ? <ImportProblemAlert problem={state.problem} /> : null}
      {state.step === 'reading' ? <BusyIndicator phase="reading" text={t('listsScreen.busy.reading', { size: size(state.size) })} note={t('listsScreen.busy.note')} /> : null}
      {state.step === 'inspecting' ? <BusyIndicator phase="inspecting" text={t('listsScreen.busy.inspecting', { size: size(state.file.size) })} /> : null}

      {state.step === 'refused' ? state.refusal.kind === 'file' ? <ImportProblemAlert problem={state.refusal.problem} /> : <RequestError error={state.refusal.error} /> : null}
      {/* A UTF-16 file without a byte-order mark looks binary until its encoding is named. */}
      {state.step === 'refused' && state.refusal.kind === 'file' && state.refusal.problem.code === 'binary' ? (
        <EncodingSelect value={state.encoding} help={t('listsScreen.import.encodingRetry')} disabled={false} onChange={changeEncoding} />
      ) : null}

      {state.step === 'inspected' ? (
        <>
          <InspectionFacts inspection={state.inspection} />
          <EncodingSelect value={state.encoding} help={t('listsScreen.import.encodingHelp')} disabled={state.phase === 'importing'} onChange={changeEncoding} />
          <PreviewTable inspection={state.inspection} mapping={state.form.mapping} />
          <form className="lists-mapping" onSubmit={(event) => void submit(event)} aria-labelledby="lists-mapping-title" noValidate>
            <fieldset className="lists-fieldset" disabled={state.phase === 'importing'}>
              <h3 id="lists-mapping-title">{t('listsScreen.import.mappingTitle')}</h3>
              <MappingFields
                columns={state.inspection.table.columns}
                form={state.form}
                lists={lists}
                onMapping={(mapping) => updateForm({ mapping, remembered: false })}
                onTarget={changeTarget}
                onName={(name) => updateForm({ name })}
              />
              {state.error ? <RequestError error={state.error} /> : null}
              {state.phase === 'importing' ? (
                <BusyIndicator phase="importing" text={t('listsScreen.busy.importing', { count: state.inspection.rowCount, size: size(state.file.size) })} note={t('listsScreen.busy.note')} />
              ) : null}
              <div className="form-actions">
                <button type="submit" className="button button--primary">
                  {t('listsScreen.import.submit')}
                </button>
              </div>
            </fieldset>
          </form>
        </>
      ) : null}
    </section>
  );
}

/** The drop target and the file input. */
function DropZone({ dragging, disabled, onFile }: { readonly dragging: boolean; readonly disabled: boolean; readonly onFile: (file: File) => void }) {
  const { t } = useTranslation();
  return (
    <div className={`lists-drop${dragging ? ' lists-drop--active' : ''}`}>
      <p className="lists-drop__title">{dragging ? t('listsScreen.import.dropping') : t('listsScreen.import.drop')}</p>
      <p className="muted">{t('listsScreen.import.or')}</p>
      <Field label={t('listsScreen.import.file')}>
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          disabled={disabled}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared so that choosing the same file again (after fixing it) reads it again.
            event.target.value = '';
            if (file) onFile(file);
          }}
        />
      </Field>
    </div>
  );
}

/** The encoding override: `auto` or one of the encodings Mailroom reads. */
function EncodingSelect({
  value,
  help,
  disabled,
  onChange,
}: {
  readonly value: EncodingChoice;
  readonly help: string;
  readonly disabled: boolean;
  readonly onChange: (encoding: EncodingChoice) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="lists-encoding">
      <Field label={t('listsScreen.import.encodingChoice')} help={help}>
        <select value={value} disabled={disabled} onChange={(event) => onChange(encodingChoiceSchema.parse(event.target.value))}>
          {encodingChoiceSchema.options.map((option) => (
            <option key={option} value={option}>
              {t(`listsScreen.encodings.${option}`)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/** Encoding read (and whether detected), delimiter, row count, and the ragged-row notes. */
function InspectionFacts({ inspection }: { readonly inspection: Inspection }) {
  const { t } = useTranslation();
  const { table, rowCount } = inspection;
  const encoding = t(`listsScreen.encodings.${table.encoding}`);
  return (
    <>
      <dl className="lists-facts">
        <div>
          <dt>{t('listsScreen.import.encoding')}</dt>
          <dd data-encoding={table.encoding} data-encoding-detected={table.encodingDetected}>
            {t(table.encodingDetected ? 'listsScreen.import.encodingDetected' : 'listsScreen.import.encodingChosen', { encoding })}
          </dd>
        </div>
        <div>
          <dt>{t('listsScreen.import.delimiter')}</dt>
          <dd data-delimiter={delimiterKey(table.delimiter)}>{t(`listsScreen.delimiters.${delimiterKey(table.delimiter)}`)}</dd>
        </div>
        <div>
          <dt>{t('listsScreen.import.rows')}</dt>
          <dd data-row-count={rowCount}>{t('listsScreen.import.rowCount', { count: rowCount })}</dd>
        </div>
      </dl>
      {table.notes.length > 0 ? (
        <details className="lists-notes" data-notes={table.notes.length}>
          <summary>{t('listsScreen.import.notesTitle', { count: table.notes.length })}</summary>
          <ul>
            {table.notes.slice(0, NOTES_SHOWN).map((note) => (
              <li key={`${note.line}-${note.kind}`} data-line={note.line}>
                <span className="lists-notes__line">{t('listsScreen.import.noteLine', { line: note.line })}</span>{' '}
                <span className="lists-reason__detail" lang="en">
                  {note.detail}
                </span>
              </li>
            ))}
          </ul>
          {table.notes.length > NOTES_SHOWN ? <p className="muted">{t('listsScreen.import.notesMore', { count: table.notes.length - NOTES_SHOWN })}</p> : null}
        </details>
      ) : null}
    </>
  );
}

/** The header and the first rows, with the mapped columns marked. */
function PreviewTable({ inspection, mapping }: { readonly inspection: Inspection; readonly mapping: MappingDraft }) {
  const { t } = useTranslation();
  const { columns } = inspection.table;
  const role = (index: number) => (index === mapping.address ? 'address' : index === mapping.name ? 'name' : undefined);
  return (
    <div className="lists-preview">
      <h3>{t('listsScreen.import.previewTitle')}</h3>
      <div className="lists-preview__scroll" tabIndex={0} role="region" aria-label={t('listsScreen.import.previewLabel')}>
        <table className="lists-table lists-table--preview" aria-label={t('listsScreen.import.previewLabel')}>
          <thead>
            <tr>
              {columns.map((column, index) => (
                <th key={column} scope="col" className={role(index) ? `lists-col--${role(index)}` : undefined} data-column-role={role(index)}>
                  {column}
                  {role(index) ? <span className="lists-col__tag">{t(role(index) === 'address' ? 'listsScreen.import.addressColumn' : 'listsScreen.import.nameColumn')}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {inspection.sample.map((cells, rowIndex) => (
              <tr key={rowIndex}>
                {columns.map((column, index) => (
                  <td key={column} className={role(index) ? `lists-col--${role(index)}` : undefined}>
                    {cells[index] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Address and name columns, the fields the rest become, where to import, and the list's name. */
function MappingFields({
  columns,
  form,
  lists,
  onMapping,
  onTarget,
  onName,
}: {
  readonly columns: readonly string[];
  readonly form: ImportForm;
  readonly lists: readonly MemberListSummary[];
  readonly onMapping: (mapping: MappingDraft) => void;
  readonly onTarget: (id: string | null) => void;
  readonly onName: (name: string) => void;
}) {
  const { t } = useTranslation();
  const problem = mappingProblem(form.mapping);
  const fields = fieldColumns(columns, form.mapping);
  const target = lists.find((list) => list.id === form.targetId);
  const index = (value: string) => (value === '' ? null : Number(value));
  return (
    <div className="form-grid">
      {form.remembered ? <p className="lists-hint">{t('listsScreen.import.remembered')}</p> : null}
      <div className="lists-mapping__row">
        <Field label={t('listsScreen.import.addressColumn')} error={form.tried && problem === 'address-required' ? t('listsScreen.import.addressRequired') : undefined}>
          <select value={form.mapping.address ?? ''} onChange={(event) => onMapping({ ...form.mapping, address: index(event.target.value) })} required>
            {form.mapping.address === null ? <option value="">{t('listsScreen.import.chooseColumn')}</option> : null}
            {columns.map((column, i) => (
              <option key={column} value={i}>
                {column}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('listsScreen.import.nameColumn')} error={problem === 'same-column' ? t('listsScreen.import.sameColumn') : undefined}>
          <select value={form.mapping.name ?? ''} onChange={(event) => onMapping({ ...form.mapping, name: index(event.target.value) })}>
            <option value="">{t('listsScreen.import.noNameColumn')}</option>
            {columns.map((column, i) => (
              <option key={column} value={i}>
                {column}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p className="muted" data-fields={fields.join('|')}>
        {fields.length > 0 ? t('listsScreen.import.fields', { fields: fields.join(', ') }) : t('listsScreen.import.noFields')}
      </p>
      <div className="lists-mapping__row">
        {lists.length > 0 ? (
          <Field label={t('listsScreen.import.target')}>
            <select value={form.targetId ?? ''} onChange={(event) => onTarget(event.target.value === '' ? null : event.target.value)}>
              <option value="">{t('listsScreen.import.newList')}</option>
              {lists.map((list) => (
                <option key={list.id} value={list.id}>
                  {list.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field label={t('listsScreen.import.listName')} error={form.tried && form.name.trim() === '' ? t('listsScreen.import.nameRequired') : undefined}>
          <input type="text" value={form.name} maxLength={120} onChange={(event) => onName(event.target.value)} required />
        </Field>
      </div>
      {target ? <p className="form-warning">{t('listsScreen.import.replaces', { name: target.name })}</p> : null}
    </div>
  );
}
