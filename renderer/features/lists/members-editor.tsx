/** A list's members in a virtualised table that asks the main process for the rows it shows: find, fix an address or name in place, remove a row, add one. */
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../app/lists/common/member-list';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import { useRowPages } from '../../state/use-row-pages';
import { addRow, editRow, removeRow, rowCount, rowHasProblem, rowMatches, rowNumberOf, savedRow, shownRow, type DraftRow, type MembersDraft } from './members-model';
import { VirtualTable, type VirtualTableHandle } from '../../components/virtual-table';

/** Props of MembersEditor. */
export interface MembersEditorProps {
  /** The list whose members these are. */
  readonly listId: string;
  /** The list's name (names the table). */
  readonly listName: string;
  /** What changed in the members. */
  readonly draft: MembersDraft;
  /** Receives every change. */
  readonly onChange: (draft: MembersDraft) => void;
  /** Whether editing is paused (while saving). */
  readonly disabled: boolean;
}

/** A saved member with its position in the list. */
interface Placed {
  readonly position: number;
  readonly member: Member;
}

/** Renders the editor. */
export function MembersEditor({ listId, listName, draft, onChange, disabled }: MembersEditorProps) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const table = useRef<VirtualTableHandle>(null);
  const number = (n: number) => n.toLocaleString(i18n.language);
  const searching = query.trim() !== '';

  const load = useCallback(
    async (offset: number, limit: number) => {
      const result = await client.request('lists:members', { listId, offset, limit, ...(searching ? { query } : {}) });
      if (!result.ok) return null;
      const { members, positions, total } = result.value;
      return { rows: members.map((member, i) => ({ position: positions?.[i] ?? offset + i, member })), total };
    },
    [client, listId, query, searching],
  );
  const pages = useRowPages<Placed>(`${listId}\u0000${searching ? query : ''}`, load);
  const removed = new Set(draft.removed);
  const addedShown = searching ? draft.added.filter((row) => row.key === editing || rowMatches(row, query)) : draft.added;
  const savedShown = searching ? pages.total : draft.total - draft.removed.length;
  const shownCount = savedShown === undefined ? undefined : savedShown + addedShown.length;
  const total = rowCount(draft);

  /** The row shown at `index`, its number, and whether it is only a placeholder while its page loads. */
  const rowAtIndex = (index: number): { row: DraftRow; rowNumber: number; removed: boolean } | { loading: number } => {
    const saved = savedShown ?? 0;
    if (index >= saved) {
      const added = addedShown[index - saved]!;
      return { row: added, rowNumber: draft.total - draft.removed.length + draft.added.indexOf(added) + 1, removed: false };
    }
    const position = searching ? pages.rowAt(index)?.position : (shownRow(draft, index) as { position: number }).position;
    const placed = position === undefined ? undefined : searching ? pages.rowAt(index) : pages.rowAt(position);
    if (!placed || position === undefined) return { loading: searching ? index + 1 : rowNumberOf(draft, (shownRow(draft, index) as { position: number }).position) };
    return { row: savedRow(draft, position, placed.member), rowNumber: rowNumberOf(draft, position), removed: removed.has(position) };
  };

  const add = () => {
    const next = addRow(draft);
    setQuery('');
    setEditing(draft.nextKey);
    onChange(next);
    // The new row is the last one; scroll once the table has rendered the new count.
    requestAnimationFrame(() => table.current?.scrollToIndex(rowCount(next) - 1));
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
    const shown = rowAtIndex(index);
    if ('loading' in shown) {
      return {
        className: 'lists-member lists-member--loading',
        data: { 'data-loading-row': shown.loading },
        cells: (
          <>
            <td className="lists-table__number">{number(shown.loading)}</td>
            <td colSpan={columns.length - 1} className="muted" aria-busy="true">
              …
            </td>
          </>
        ),
      };
    }
    const { row, rowNumber } = shown;
    const problem = rowHasProblem(row);
    const isEditing = editing === row.key && !disabled && !shown.removed;
    return {
      className: `${problem ? 'lists-member lists-member--problem' : 'lists-member'}${shown.removed ? ' lists-member--removed' : ''}`,
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
                onChange={(event) => onChange(editRow(draft, row, { email: event.target.value }))}
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
                onChange={(event) => onChange(editRow(draft, row, { name: event.target.value }))}
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
            <button type="button" className="button lists-button--small" disabled={disabled || shown.removed} onClick={() => setEditing(isEditing ? null : row.key)}>
              {isEditing ? t('listsScreen.detail.done') : t('listsScreen.detail.edit')}
            </button>
            <button type="button" className="button button--danger lists-button--small" disabled={disabled || shown.removed} onClick={() => onChange(removeRow(draft, row.key))}>
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
        <p className="muted lists-members__count" aria-live="polite" data-shown={shownCount ?? ''} data-count={total}>
          {!searching ? t('listsScreen.overview.members', { count: total }) : shownCount === undefined ? '…' : t('listsScreen.detail.shown', { shown: number(shownCount), count: number(total) })}
        </p>
        <button type="button" className="button" onClick={add} disabled={disabled}>
          {t('listsScreen.detail.addRow')}
        </button>
      </div>
      {total === 0 ? <p className="muted">{t('listsScreen.detail.noMembers')}</p> : null}
      {total > 0 && shownCount === 0 ? <p className="muted">{t('listsScreen.detail.noMatch', { query: query.trim() })}</p> : null}
      {shownCount !== undefined && shownCount > 0 ? (
        <VirtualTable
          handle={table}
          label={t('listsScreen.detail.membersLabel', { name: listName })}
          className="lists-members__table"
          columns={columns}
          rowCount={shownCount}
          rowKey={(index) => {
            const shown = rowAtIndex(index);
            return 'loading' in shown ? `loading:${index}` : shown.row.key;
          }}
          rowHeight={52}
          maxHeight={520}
          row={renderRow}
        />
      ) : null}
    </div>
  );
}
