/** The front sheet as a Word document (the `docx` library): the plan's title, then the two tables with headings. */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { frontSheetTables, type FrontSheet, type TextTable } from './frontSheet';

function table({ head, rows }: TextTable): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [head, ...rows].map(
      (cells, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: i === 0 })] })] })),
        }),
    ),
  });
}

export async function frontSheetDocx(sheet: FrontSheet): Promise<Buffer> {
  const { timetable, signoffs } = frontSheetTables(sheet);
  const doc = new Document({
    title: `${sheet.title}: front sheet`,
    sections: [
      {
        children: [
          new Paragraph({ text: sheet.title, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Timetable', heading: HeadingLevel.HEADING_2 }),
          table(timetable),
          new Paragraph({ text: 'Sign-off', heading: HeadingLevel.HEADING_2 }),
          table(signoffs),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
