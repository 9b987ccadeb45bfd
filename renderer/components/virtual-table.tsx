/**
 * A real <table> (headers, row and column semantics for screen readers and tests) that renders only
 * the rows in view, with @tanstack/react-virtual: spacer rows above and below stand in for the rest,
 * so 10,000 members scroll as smoothly as ten. The header sticks to the top of the scroll box.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useImperativeHandle, useRef, type Key, type ReactNode, type Ref } from 'react';

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
  /** Row `index`'s cells and attributes. */
  readonly row: (index: number) => VirtualTableRow;
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
}

/** Renders the virtualised table. */
export function VirtualTable({ label, columns, rowCount, rowKey, row, rowHeight, measure = false, maxHeight, className, handle }: VirtualTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
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
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;
  const minWidth = columns.reduce((sum, column) => sum + (column.width ?? 160), 0);

  return (
    <div ref={scrollRef} className={`lists-vtable ${className ?? ''}`} style={{ maxHeight }} tabIndex={0} role="region" aria-label={label}>
      <table className="lists-table" aria-label={label} aria-rowcount={rowCount + 1} style={{ minWidth }}>
        <colgroup>
          {columns.map((column) => (
            <col key={column.key} style={column.width === undefined ? undefined : { width: column.width }} />
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
            const { cells, className: rowClass, data } = row(item.index);
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
