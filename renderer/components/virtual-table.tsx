/**
 * A real <table> (headers, row and column semantics for screen readers and tests) that renders only
 * the rows in view, with @tanstack/react-virtual: spacer rows above and below stand in for the rest,
 * so 10,000 members scroll as smoothly as ten. The header sticks to the top of the scroll box.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState, type FocusEvent, type Key, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { fitColumns } from './fit-columns';
import { nextRowIndex } from './row-navigation';
import './virtual-table.css';

/** One column. */
export interface VirtualTableColumn {
  /** React key. */
  readonly key: string;
  /** The header cell's content. */
  readonly header: ReactNode;
  /** Width in pixels; columns without one share what is left. */
  readonly width?: number;
  /** Class of the header cell (e.g. to keep an actions column in view). */
  readonly className?: string;
}

/** One rendered row: its cells and the attributes its <tr> gets. */
export interface VirtualTableRow {
  /** The <td> elements. */
  readonly cells: ReactNode;
  /** Class of the row. */
  readonly className?: string;
  /** `data-*` hooks for tests and styles. */
  readonly data?: Readonly<Record<`data-${string}`, string | number | undefined>>;
}

/** How row `index`'s focusable control takes part in the table's one tab stop. */
export interface VirtualTableRowFocus {
  /** 0 for the active row's control, -1 for every other row's. */
  readonly tabIndex: 0 | -1;
}

/** What a parent may do with the table. */
export interface VirtualTableHandle {
  /** Scrolls so row `index` is in view. */
  scrollToIndex(index: number): void;
}

/** Props of VirtualTable. */
export interface VirtualTableProps {
  /** The table's accessible name. */
  readonly label: string;
  /** The columns. */
  readonly columns: readonly VirtualTableColumn[];
  /** How many rows. */
  readonly rowCount: number;
  /** A stable key for row `index`. */
  readonly rowKey: (index: number) => Key;
  /** Row `index`'s cells and attributes; with `rowNavigation`, its control takes `focus.tabIndex`. */
  readonly row: (index: number, focus: VirtualTableRowFocus) => VirtualTableRow;
  /** The height of a row in pixels (the estimate, when `measure` is on). */
  readonly rowHeight: number;
  /** Measure each rendered row (for rows whose text may wrap). */
  readonly measure?: boolean;
  /** The scroll box's largest height in pixels. */
  readonly maxHeight: number;
  /** Extra class of the scroll box. */
  readonly className?: string;
  /** Receives the handle. */
  readonly handle?: Ref<VirtualTableHandle>;
  /**
   * The rows are one tab stop: each row has one control (marked `data-row-focus`, or its first button),
   * and arrow keys, Home, End, Page Up and Page Down move between them. The text says so to screen readers.
   */
  readonly rowNavigation?: { readonly hint: string };
}

/** Renders the virtualised table. */
export function VirtualTable({ label, columns, rowCount, rowKey, row, rowHeight, measure = false, maxHeight, className, handle, rowNavigation }: VirtualTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const [activeRow, setActiveRow] = useState(0);
  /** A row whose control should take focus as soon as it is rendered. */
  const focusPending = useRef<number | null>(null);
  const active = Math.min(activeRow, Math.max(0, rowCount - 1));
  /** The scroll box's inner width: in a narrow window the wide columns give up room so every column stays in view. */
  const [boxWidth, setBoxWidth] = useState<number | null>(null);
  useEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setBoxWidth(box.clientWidth));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions on purpose; this component does not memoise them.
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: rowKey,
    overscan: 12,
  });
  useImperativeHandle(handle, () => ({ scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }) }), [virtualizer]);

  const items = virtualizer.getVirtualItems();
  const rowControl = (index: number) =>
    scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"] [data-row-focus], tr[data-index="${index}"] button`) ?? null;
  useLayoutEffect(() => {
    if (focusPending.current === null) return;
    const control = rowControl(focusPending.current);
    if (!control) return;
    focusPending.current = null;
    control.focus();
  });
  const moveTo = (index: number) => {
    setActiveRow(index);
    focusPending.current = index;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const control = rowControl(index);
    if (control) {
      focusPending.current = null;
      control.focus();
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!rowNavigation || event.altKey || event.ctrlKey || event.metaKey || rowCount === 0) return;
    const rowElement = (event.target as HTMLElement).closest('tr[data-index]');
    if (!rowElement) return;
    const pageSize = Math.max(1, Math.floor(maxHeight / rowHeight) - 2);
    const next = nextRowIndex(event.key, Number(rowElement.getAttribute('data-index')), rowCount, pageSize);
    if (next === null) return;
    event.preventDefault();
    moveTo(next);
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    if (!rowNavigation) return;
    if (event.target === scrollRef.current) {
      if (rowCount > 0) moveTo(active);
      return;
    }
    const rowElement = (event.target as HTMLElement).closest('tr[data-index]');
    if (rowElement) setActiveRow(Number(rowElement.getAttribute('data-index')));
  };
  const activeRendered = items.some((item) => item.index === active);
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;
  const widths = fitColumns(
    columns.map((column) => column.width),
    boxWidth ?? Number.POSITIVE_INFINITY,
  );
  const minWidth = widths.reduce<number>((sum, width) => sum + (width ?? 160), 0);

  return (
    <div
      ref={scrollRef}
      className={`lists-vtable ${className ?? ''}`}
      style={{ maxHeight }}
      tabIndex={rowNavigation && activeRendered ? -1 : 0}
      role="region"
      aria-label={label}
      aria-describedby={rowNavigation ? hintId : undefined}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      {rowNavigation ? (
        <p id={hintId} className="visually-hidden">
          {rowNavigation.hint}
        </p>
      ) : null}
      <table className="lists-table" aria-label={label} aria-rowcount={rowCount + 1} style={{ minWidth }}>
        <colgroup>
          {columns.map((column, i) => (
            <col key={column.key} style={widths[i] === undefined ? undefined : { width: widths[i] }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true" className="lists-table__spacer" style={{ height: padTop }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
          {items.map((item) => {
            const { cells, className: rowClass, data } = row(item.index, { tabIndex: !rowNavigation || item.index === active ? 0 : -1 });
            return (
              <tr
                key={item.key}
                data-index={item.index}
                ref={measure ? virtualizer.measureElement : undefined}
                aria-rowindex={item.index + 2}
                className={rowClass}
                style={measure ? undefined : { height: rowHeight }}
                {...data}
              >
                {cells}
              </tr>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" className="lists-table__spacer" style={{ height: padBottom }}>
              <td colSpan={columns.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
