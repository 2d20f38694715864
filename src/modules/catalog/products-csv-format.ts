/** RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
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
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
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
};

const truthy = (v: string) => !/^(0|no|false|falso|inactivo)$/i.test(v.trim());

/** CSV rows → product inputs, with Spanish errors naming the line. */
export function productsFromCsv(text: string): { items: Record<string, unknown>[]; errors: string[] } {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header, ...rows] = parseCsv(text, delimiter);
  if (!header) return { items: [], errors: ['El archivo está vacío'] };
  const keys = header.map((h) => HEADER[h.trim().toLowerCase()]);
  const errors: string[] = [];
  if (!keys.includes('name')) errors.push('Falta la columna "nombre" (o "name")');
  if (!keys.includes('price')) errors.push('Falta la columna "precio" (o "price")');
  if (errors.length) return { items: [], errors };
  const items = rows.map((cells) => {
    const item: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      const v = (cells[i] ?? '').trim();
      if (!k || v === '') return;
      if (k === 'isActive') item[k] = truthy(v);
      else if (k === 'stock') item[k] = /^(ilimitado|unlimited|-)$/i.test(v) ? null : v;
      else item[k] = v;
    });
    return item;
  });
  return { items, errors };
}
