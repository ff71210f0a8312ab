/**
 * CSV as RFC 4180 writes it, for subscriber import and export: comma-separated fields,
 * quoted fields with doubled quotes inside, CRLF (or LF) between records, a leading UTF-8
 * BOM ignored. Written here rather than taken from a package because the rules are short
 * and the two directions have to agree exactly.
 *
 * Export guards against formula injection: a cell starting with `=`, `+`, `-`, `@` (or a
 * tab or carriage return) is prefixed with `'`, so a spreadsheet shows it as text instead of
 * running it (OWASP's advice for CSV files that people open in Excel or Sheets).
 */

/** One record of a file and the line it starts on (1-based; a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The file is not CSV this parser can read (an unclosed quote, text after a closing quote). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Parses a whole file into records. Throws CsvSyntaxError on malformed quoting. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let index = 0;
  let atFieldStart = true;

  const endField = () => {
    fields.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
    recordLine = line;
  };

  while (index < text.length) {
    const char = text[index];
    if (atFieldStart && char === '"') {
      // A quoted field: runs to the next lone quote; "" is one quote; line breaks are data.
      const startLine = line;
      index += 1;
      for (;;) {
        if (index >= text.length) throw new CsvSyntaxError(startLine, 'a quoted field is never closed (a " is missing)');
        const inner = text[index];
        if (inner === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        if (inner === '\n') line += 1;
        field += inner;
        index += 1;
      }
      const next = text[index];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw new CsvSyntaxError(line, 'text follows a closing quote; put the whole field in quotes and double any quote inside it');
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (char === ',') {
      endField();
      index += 1;
    } else if (char === '\r' || char === '\n') {
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line += 1;
      endRecord();
    } else {
      field += char;
      index += 1;
    }
  }
  // The last record needs no line break after it; an empty last line is not a record.
  if (fields.length > 0 || field !== '' || !atFieldStart) endRecord();
  return records;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell for a CSV file: formula-looking text defused, quoted when it holds a separator, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
