import { bottomOf, type Report } from './layout';

export interface TableColumn {
  header: string;
  /** points; the one column without a width takes what is left */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
  /** points the `indentColumn`'s text is moved right: the criterion's depth in the tree */
  indent?: number;
  /** a line under the row, across the columns from `noteFrom` on (comments, evidence) */
  note?: string;
  /** a grey background (the totals) */
  shade?: boolean;
}

export interface TableOptions {
  fontSize: number;
  /** the column whose text is indented by each row's `indent` */
  indentColumn?: number;
  /** the first column the notes span */
  noteFrom?: number;
}

const PAD = 3;

/**
 * A ruled table that runs over as many pages as it needs, its header repeated at the top of each,
 * a row never split across two pages.
 */
export function drawTable(r: Report, columns: TableColumn[], rows: TableRow[], opts: TableOptions): void {
  const { doc } = r;
  const fixed = columns.reduce((s, c) => s + (c.width ?? 0), 0);
  const widths = columns.map((c) => c.width ?? r.width - fixed);
  const xs = widths.map((_, i) => r.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const noteFrom = opts.noteFrom ?? 0;
  const noteX = xs[noteFrom];
  const noteWidth = r.width - (noteX - r.left);
  const size = opts.fontSize;

  const textHeight = (text: string, width: number, font: 'R' | 'B' | 'I', fontSize = size) => doc.font(font).fontSize(fontSize).heightOfString(text || ' ', { width });

  const header = () => {
    const h = Math.max(...columns.map((c, i) => textHeight(c.header, widths[i] - 2 * PAD, 'B'))) + 2 * PAD;
    const y = doc.y;
    doc.save().rect(r.left, y, r.width, h).fill('#e8e8e8').restore();
    columns.forEach((c, i) => {
      doc.rect(xs[i], y, widths[i], h).lineWidth(0.5).stroke();
      doc.font('B').fontSize(size).text(c.header, xs[i] + PAD, y + PAD, { width: widths[i] - 2 * PAD, align: 'center' });
    });
    doc.y = y + h;
  };

  header();
  for (const row of rows) {
    const font = row.bold ? 'B' : 'R';
    const inner = (i: number) => widths[i] - 2 * PAD - (i === opts.indentColumn ? (row.indent ?? 0) : 0);
    const mainH = Math.max(...row.cells.map((t, i) => textHeight(t, inner(i), font))) + 2 * PAD;
    const noteH = row.note ? textHeight(row.note, noteWidth - 2 * PAD, 'I', size - 1) + 2 * PAD : 0;
    if (doc.y + mainH + noteH > bottomOf(doc)) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    if (row.shade) doc.save().rect(r.left, y, r.width, mainH + noteH).fill('#f2f2f2').restore();
    row.cells.forEach((text, i) => {
      const h = row.note && i < noteFrom ? mainH + noteH : mainH;
      doc.rect(xs[i], y, widths[i], h).lineWidth(0.5).stroke();
      const indent = i === opts.indentColumn ? (row.indent ?? 0) : 0;
      doc.font(font).fontSize(size).text(text, xs[i] + PAD + indent, y + PAD, { width: inner(i), align: columns[i].align ?? 'left' });
    });
    if (row.note) {
      doc.rect(noteX, y + mainH, noteWidth, noteH).lineWidth(0.5).stroke();
      doc.font('I').fontSize(size - 1).text(row.note, noteX + PAD, y + mainH + PAD, { width: noteWidth - 2 * PAD });
    }
    doc.x = r.left;
    doc.y = y + mainH + noteH;
  }
  doc.y += 6;
}
