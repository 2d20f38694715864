// A few products per business type, so a new shop can try its bot before typing its own
// catalog. Written as the CSV the importer reads (same columns as the export), so they go
// through the same checks, categories and plan limits as any import; prices are examples the
// owner edits afterwards.

const HEADER = 'sku,nombre,descripcion,categoria,precio,unidad,existencias,activo';

const catalogs: Record<string, string[]> = {
  restaurante: [
    'TAC-PAS,Tacos al pastor (orden de 5),Con piña cebolla y cilantro,Tacos,85.00,orden,,si',
    'TAC-BIS,Tacos de bistec (orden de 5),Con cebolla y cilantro,Tacos,90.00,orden,,si',
    'QUE-001,Quesadilla de queso,Tortilla de harina,Antojitos,45.00,pieza,,si',
    'AGU-HOR,Agua de horchata 1 L,,Bebidas,35.00,litro,,si',
    'REF-600,Refresco 600 ml,,Bebidas,25.00,botella,,si',
  ],
  panaderia: [
    'BOL-001,Bolillo,Recién horneado,Pan salado,3.50,pieza,,si',
    'CON-001,Concha de vainilla,,Pan dulce,12.00,pieza,,si',
    'CUE-001,Cuernito,,Pan dulce,10.00,pieza,,si',
    'PAS-3L,Pastel de tres leches,Para 10 personas,Pasteles,380.00,pieza,,si',
    'CAF-OLL,Café de olla,,Bebidas,25.00,vaso,,si',
  ],
  cafeteria: [
    'AME-12,Café americano 12 oz,,Café,35.00,vaso,,si',
    'CAP-12,Capuchino 12 oz,,Café,48.00,vaso,,si',
    'LAT-12,Latte 12 oz,,Café,50.00,vaso,,si',
    'CRO-001,Croissant,,Panadería,30.00,pieza,,si',
    'SAN-JYQ,Sándwich de jamón y queso,,Comida,65.00,pieza,,si',
  ],
  abarrotes: [
    'GAR-20,Garrafón de agua 20 L,,Agua,45.00,garrafón,,si',
    'LEC-1L,Leche entera 1 L,,Lácteos,28.00,litro,,si',
    'HUE-12,Huevo (docena),,Básicos,42.00,docena,,si',
    'TOR-1K,Tortillas de maíz,,Básicos,24.00,kilo,,si',
    'REF-2L,Refresco de cola 2 L,,Bebidas,38.00,botella,,si',
  ],
  farmacia: [
    'PAR-500,Paracetamol 500 mg (10 tabletas),,Analgésicos,35.00,caja,,si',
    'IBU-400,Ibuprofeno 400 mg (10 tabletas),,Analgésicos,48.00,caja,,si',
    'ALC-250,Alcohol 250 ml,,Curación,30.00,botella,,si',
    'CUB-001,Cubrebocas (paquete de 10),,Cuidado personal,45.00,paquete,,si',
    'SUE-ORA,Suero oral 625 ml,,Hidratación,28.00,botella,,si',
  ],
  ropa: [
    'PLA-BAS,Playera básica,Algodón,Playeras,180.00,pieza,,si',
    'JEA-REC,Jeans corte recto,,Pantalones,450.00,pieza,,si',
    'SUD-CAP,Sudadera con capucha,,Sudaderas,520.00,pieza,,si',
    'GOR-001,Gorra,,Accesorios,150.00,pieza,,si',
    'CAL-3P,Calcetines (3 pares),,Accesorios,99.00,paquete,,si',
  ],
  otro: [
    'PRO-001,Producto de ejemplo,Cambia el nombre y el precio,General,100.00,pieza,,si',
    'PRO-002,Otro producto de ejemplo,,General,50.00,pieza,,si',
    'SER-001,Servicio a domicilio,,Servicios,80.00,servicio,,si',
  ],
};

export const STARTER_BUSINESS_TYPES = Object.keys(catalogs);

/** The starter catalog of a business type as importer CSV (the general one for unknown types). */
export function starterCatalogCsv(businessType: string | null | undefined): string {
  const rows = catalogs[businessType ?? ''] ?? catalogs.otro!;
  return [HEADER, ...rows].join('\n');
}
