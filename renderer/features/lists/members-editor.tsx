/** A list's members in a virtualised table: find, fix an address or name in place, remove a row, add one. */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field';
import { addRow, editRow, matchingRows, removeRow, rowHasProblem, type DraftRow, type MembersDraft } from './members-model';
import { VirtualTable, type VirtualTableHandle } from '../../components/virtual-table';

/** Props of MembersEditor. */
export interface MembersEditorProps {
  /** The list's name (names the table). */
  readonly listName: string;
  /** The members being edited. */
  readonly draft: MembersDraft;
  /** Receives every change. */
  readonly onChange: (draft: MembersDraft) => void;
  /** Whether editing is paused (while saving). */
  readonly disabled: boolean;
}

/** Renders the editor. */
export function MembersEditor({ listName, draft, onChange, disabled }: MembersEditorProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const table = useRef<VirtualTableHandle>(null);
  const shown = useMemo(() => matchingRows(draft.rows, query, editing), [draft.rows, query, editing]);
  const number = (n: number) => n.toLocaleString(i18n.language);

  const add = () => {
    const next = addRow(draft);
    setQuery('');
    setEditing(draft.nextKey);
    onChange(next);
    // The new row is the last one; scroll once the table has rendered the new count.
    requestAnimationFrame(() => table.current?.scrollToIndex(next.rows.length - 1));
  };
  const finishOnKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === 'Escape') {
      event.preventDefault();
      setEditing(null);
    }
  };

  const columns = [
    { key: 'number', header: t('listsScreen.detail.number'), width: 64 },
    { key: 'email', header: t('listsScreen.detail.email'), width: 250 },
    { key: 'name', header: t('listsScreen.detail.name'), width: 130 },
    ...draft.fieldNames.map((field) => ({ key: `field:${field}`, header: field, width: 100 })),
    // Stays at the right edge when many field columns scroll sideways.
    { key: 'actions', header: t('listsScreen.detail.actions'), width: 186, className: 'lists-table__sticky-end' },
  ];

  const renderRow = (index: number) => {
    const position = shown[index] ?? 0;
    const row = draft.rows[position] as DraftRow;
    const rowNumber = position + 1;
    const problem = rowHasProblem(row);
    const isEditing = editing === row.key && !disabled;
    return {
      className: problem ? 'lists-member lists-member--problem' : 'lists-member',
      data: { 'data-member-row': rowNumber, 'data-email': row.email, 'data-problem': problem ? 'invalid' : undefined },
      cells: (
        <>
          <td className="lists-table__number">{number(rowNumber)}</td>
          <td className="lists-table__address">
            {isEditing ? (
              <input
                className="lists-cell-input"
                type="email"
                value={row.email}
                aria-label={t('listsScreen.detail.emailOfRow', { row: rowNumber })}
                aria-invalid={problem}
                onChange={(event) => onChange(editRow(draft, row.key, { email: event.target.value }))}
                onKeyDown={finishOnKey}
                // Focus goes where the person is about to type: the row they chose to edit or add.
                autoFocus
                spellCheck={false}
              />
            ) : (
              <>
                <span className="lists-table__clip">{row.email}</span>
                {problem ? <span className="lists-badge">{t('listsScreen.detail.invalid')}</span> : null}
              </>
            )}
          </td>
          <td>
            {isEditing ? (
              <input
                className="lists-cell-input"
                type="text"
                value={row.name}
                aria-label={t('listsScreen.detail.nameOfRow', { row: rowNumber })}
                onChange={(event) => onChange(editRow(draft, row.key, { name: event.target.value }))}
                onKeyDown={finishOnKey}
              />
            ) : (
              <span className="lists-table__clip">{row.name}</span>
            )}
          </td>
          {draft.fieldNames.map((field) => (
            <td key={field}>
              <span className="lists-table__clip" title={row.fields[field]}>
                {row.fields[field] ?? ''}
              </span>
            </td>
          ))}
          <td className="lists-table__actions lists-table__sticky-end">
            <button type="button" className="button lists-button--small" disabled={disabled} onClick={() => setEditing(isEditing ? null : row.key)}>
              {isEditing ? t('listsScreen.detail.done') : t('listsScreen.detail.edit')}
            </button>
            <button type="button" className="button button--danger lists-button--small" disabled={disabled} onClick={() => onChange(removeRow(draft, row.key))}>
              {t('listsScreen.detail.removeRow')}
            </button>
          </td>
        </>
      ),
    };
  };

  return (
    <div className="lists-members">
      <div className="lists-members__tools">
        <div className="lists-members__search">
          <Field label={t('listsScreen.detail.search')}>
            <input type="search" value={query} placeholder={t('listsScreen.detail.searchPlaceholder')} onChange={(event) => setQuery(event.target.value)} />
          </Field>
        </div>
        <p className="muted lists-members__count" aria-live="polite" data-shown={shown.length} data-count={draft.rows.length}>
          {query.trim() === '' ? t('listsScreen.overview.members', { count: draft.rows.length }) : t('listsScreen.detail.shown', { shown: number(shown.length), count: number(draft.rows.length) })}
        </p>
        <button type="button" className="button" onClick={add} disabled={disabled}>
          {t('listsScreen.detail.addRow')}
        </button>
      </div>
      {draft.rows.length === 0 ? <p className="muted">{t('listsScreen.detail.noMembers')}</p> : null}
      {draft.rows.length > 0 && shown.length === 0 ? <p className="muted">{t('listsScreen.detail.noMatch', { query: query.trim() })}</p> : null}
      {shown.length > 0 ? (
        <VirtualTable
          handle={table}
          label={t('listsScreen.detail.membersLabel', { name: listName })}
          className="lists-members__table"
          columns={columns}
          rowCount={shown.length}
          rowKey={(index) => draft.rows[shown[index] ?? 0]?.key ?? index}
          rowHeight={52}
          maxHeight={520}
          row={renderRow}
        />
      ) : null}
    </div>
  );
}
