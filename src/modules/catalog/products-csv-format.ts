/** RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  return parseCsvWithLines(text, delimiter).map((r) => r.cells);
}

// Spanish or English headers.
const HEADER: Record<string, string> = {
  sku: 'sku', codigo: 'sku', 'código': 'sku',
  name: 'name', nombre: 'name', producto: 'name',
  description: 'description', descripcion: 'description', 'descripción': 'description',
  price: 'price', precio: 'price',
  unit: 'unit', unidad: 'unit',
  stock: 'stock', existencias: 'stock', inventario: 'stock',
  active: 'isActive', activo: 'isActive', is_active: 'isActive',
  image_url: 'imageUrl', imagen: 'imageUrl', foto: 'imageUrl', imageurl: 'imageUrl',
  category: 'category', categoria: 'category', 'categoría': 'category',
};

const truthy = (v: string) => !/^(0|no|false|falso|inactivo)$/i.test(v.trim());

// A cell our export protected from spreadsheet formulas ("'=…") is read back as written.
const unprotect = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

export type CsvRow = { line: number; cells: Record<string, string> };

/**
 * A products CSV (Spanish or English headers, comma or semicolon) → its rows by field, each with
 * the line it starts on; `errors` are problems of the whole file (missing columns).
 */
export function readProductCsv(text: string): { rows: CsvRow[]; errors: string[] } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header, ...rows] = parseCsvWithLines(text, delimiter);
  if (!header) return { rows: [], errors: ['El archivo está vacío'] };
  const keys = header.cells.map((h) => HEADER[h.trim().toLowerCase()]);
  const errors: string[] = [];
  if (!keys.includes('name')) errors.push('Falta la columna "nombre" (o "name")');
  if (!keys.includes('price')) errors.push('Falta la columna "precio" (o "price")');
  if (errors.length) return { rows: [], errors };
  return {
    rows: rows.map((r) => {
      const cells: Record<string, string> = {};
      keys.forEach((k, i) => {
        const v = unprotect((r.cells[i] ?? '').trim());
        if (k && v !== '') cells[k] = v;
      });
      return { line: r.line, cells };
    }),
    errors,
  };
}

/** CSV rows → product inputs, with Spanish errors naming the line. */
export function productsFromCsv(text: string): { items: Record<string, unknown>[]; errors: string[] } {
  const { rows, errors } = readProductCsv(text);
  const items = rows.map(({ cells }) => {
    const item: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(cells)) {
      if (k === 'isActive') item[k] = truthy(v);
      else if (k === 'stock') item[k] = /^(ilimitado|unlimited|-)$/i.test(v) ? null : v;
      else item[k] = v;
    }
    return item;
  });
  return { items, errors };
}

/** Rows with the line each starts on (a quoted field may span lines). */
function parseCsvWithLines(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let line = 1;
  let start = 1;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  const end = () => {
    row.push(field);
    if (row.some((f) => f.trim() !== '')) out.push({ line: start, cells: row });
    row = [];
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\n') line++;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') {
        i++;
        line++;
      } else if (ch === '\r') line++;
      end();
      start = line;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) end();
  return out;
}

/** One CSV field: quoted when needed, and a leading =, +, -, @ kept from running as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
